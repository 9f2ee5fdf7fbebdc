//===- FrontendOptions.cpp - syncsan options seen by the front-end plugin -===//
#include "FrontendOptions.h"

#include "core/CheckPatterns.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace syncsan {

static void addList(StringRef Value, std::vector<std::string> &To) {
  SmallVector<StringRef, 4> Items;
  Value.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (StringRef I : Items)
    if (!I.trim().empty())
      To.push_back(I.trim().str());
}

FrontendOptions FrontendOptions::parse(const char *Env) {
  FrontendOptions O;
  if (!Env)
    return O;
  SmallVector<StringRef, 8> Args;
  StringRef(Env).split(Args, ' ', -1, /*KeepEmpty=*/false);
  for (StringRef A : Args) {
    // Spelled as the pass takes them: -syncsan-NAME[=VALUE], one or two dashes.
    auto [Name, Value] = A.ltrim('-').split('=');
    if (Name == "syncsan-disable") {
      addList(Value, O.Disabled);
    } else if (Name == "syncsan-werror") {
      // A single value, as for the pass's cl::opt: the last one counts.
      O.Werror.clear();
      addList(Value, O.Werror);
      O.WerrorAll = O.Werror.empty();
    }
  }
  return O;
}

static bool anyMatch(const std::vector<std::string> &Pats, StringRef Id) {
  for (const std::string &P : Pats)
    if (globMatch(checkPattern(P), Id))
      return true;
  return false;
}

bool FrontendOptions::enabled(StringRef Id) const { return !anyMatch(Disabled, Id); }

bool FrontendOptions::isError(StringRef Id) const { return WerrorAll || anyMatch(Werror, Id); }

} // namespace syncsan
