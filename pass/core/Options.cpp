//===- Options.cpp - syncsan pass options ---------------------------------===//
#include "Options.h"

#include "OptionErrors.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <mutex>

using namespace llvm;

namespace syncsan {

static void applyOne(StringRef Arg) {
  StringRef Body = Arg.ltrim('-');
  auto [Name, Value] = Body.split('=');
  if (!Name.starts_with("syncsan-")) {
    addOptionError("SYNCSAN_PASS_OPTIONS: '" + Arg +
                   "' is not a syncsan option (they start with -syncsan-)");
    return;
  }
  StringMap<cl::Option *> &Opts = cl::getRegisteredOptions();
  auto It = Opts.find(Name);
  if (It == Opts.end()) {
    addOptionError("unknown pass option '-" + Name + "' (-f" + Name +
                   " to syncsan-cc, or in SYNCSAN_PASS_OPTIONS)");
    return;
  }
  // The command-line parser splits comma-separated lists itself; options
  // given here bypass it, so each item is added on its own (otherwise
  // -fsyncsan-disable=a,b would be one pattern "a,b" that matches nothing).
  SmallVector<StringRef, 4> Items;
  if (It->second->getMiscFlags() & cl::CommaSeparated)
    Value.split(Items, ',', -1, /*KeepEmpty=*/false);
  else
    Items.push_back(Value);
  bool Bad = false;
  for (StringRef Item : Items)
    // addOccurrence prints LLVM's own explanation (to errs()) and returns true.
    Bad |= It->second->addOccurrence(0, Name, Item);
  if (Bad)
    addOptionError("bad value in pass option '" + Arg + "' (-f" + Name.str() +
                   " to syncsan-cc, or in SYNCSAN_PASS_OPTIONS)");
}

void applyEnvironmentOptions() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    const char *Env = std::getenv("SYNCSAN_PASS_OPTIONS");
    if (!Env)
      return;
    SmallVector<StringRef, 8> Args;
    StringRef(Env).split(Args, ' ', -1, /*KeepEmpty=*/false);
    for (StringRef A : Args)
      applyOne(A);
  });
}

} // namespace syncsan
