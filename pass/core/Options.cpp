//===- Options.cpp - syncsan pass options ---------------------------------===//
#include "Options.h"

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
    errs() << "syncsan: SYNCSAN_PASS_OPTIONS: '" << Arg
           << "' is not a syncsan option (they start with -syncsan-); ignored\n";
    return;
  }
  StringMap<cl::Option *> &Opts = cl::getRegisteredOptions();
  auto It = Opts.find(Name);
  if (It == Opts.end()) {
    errs() << "syncsan: SYNCSAN_PASS_OPTIONS: unknown option '" << Name
           << "'; ignored\n";
    return;
  }
  // addOccurrence reports its own parse errors (to errs()) and returns true.
  if (It->second->addOccurrence(0, Name, Value))
    errs() << "syncsan: SYNCSAN_PASS_OPTIONS: bad value in '" << Arg
           << "'; ignored\n";
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
