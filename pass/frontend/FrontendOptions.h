//===- FrontendOptions.h - syncsan options seen by the front-end plugin -*- C++ -*-===//
//
// The front-end plugin honours the pass's -fsyncsan-disable and
// -fsyncsan-werror lists. syncsan-cc hands both to the pass in
// SYNCSAN_PASS_OPTIONS; the plugin reads that variable itself rather than
// the pass's cl::opts, which live in another shared object that a
// -fsyntax-only compile does not even load. The pass validates the lists
// (an unknown ID fails the compile there); the plugin only matches them.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_FRONTEND_FRONTENDOPTIONS_H
#define SYNCSAN_FRONTEND_FRONTENDOPTIONS_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace syncsan {

struct FrontendOptions {
  std::vector<std::string> Disabled; // -syncsan-disable patterns
  bool WerrorAll = false;            // -syncsan-werror without IDs
  std::vector<std::string> Werror;   // -syncsan-werror=ID,... patterns

  /// The options in an SYNCSAN_PASS_OPTIONS value (null: none).
  static FrontendOptions parse(const char *Env);

  bool enabled(llvm::StringRef Id) const;
  bool isError(llvm::StringRef Id) const;
};

} // namespace syncsan

#endif
