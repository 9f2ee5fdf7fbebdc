//===- CheckPatterns.h - check-ID patterns of -fsyncsan-* options -*- C++ -*-===//
//
// The pass and the front-end plugin read the same -fsyncsan-disable and
// -fsyncsan-werror lists, so they match IDs by the same rules: header-only,
// because the two are separate shared objects that link nothing of each other.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_CHECKPATTERNS_H
#define SYNCSAN_PASS_CHECKPATTERNS_H

#include "llvm/ADT/StringRef.h"

namespace syncsan {

/// '*' matches any run of characters; "all" matches everything.
inline bool globMatch(llvm::StringRef Pat, llvm::StringRef S) {
  if (Pat == "all")
    return true;
  size_t Star = Pat.find('*');
  if (Star == llvm::StringRef::npos)
    return Pat == S;
  llvm::StringRef Head = Pat.substr(0, Star), Rest = Pat.substr(Star + 1);
  if (!S.starts_with(Head))
    return false;
  S = S.substr(Head.size());
  for (size_t I = 0; I <= S.size(); ++I)
    if (globMatch(Rest, S.substr(I)))
      return true;
  return false;
}

/// IDs may be written as printed in diagnostics, "[syncsan-<id>]".
inline llvm::StringRef checkPattern(llvm::StringRef P) {
  P = P.trim();
  P.consume_front("syncsan-");
  return P;
}

} // namespace syncsan

#endif
