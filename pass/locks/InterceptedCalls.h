//===- InterceptedCalls.h - which library calls become hooks ---*- C++ -*-===//
//
// Each intercepted function F is rewritten into __syncsan_F with the same
// arguments plus a trailing site pointer. The table, built from the rows of
// <syncsan/intercept.h>, gives the operation kind recorded in the site and
// the C signature the hook expects, so that a call of an unexpected shape
// (a user function of the same name, a K&R call) is left alone instead of
// being miscompiled.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_INTERCEPTEDCALLS_H
#define SYNCSAN_PASS_INTERCEPTEDCALLS_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace llvm {
class FunctionType;
}

namespace syncsan {

enum class CallGroup { Lock, Thread };

/// How the intercepted function's result says the operation took effect.
enum class CallSuccess {
  Zero, // returns 0 (POSIX)
  Thrd, // returns thrd_success (C11)
  Void, // returns nothing
};

struct InterceptedCall {
  const char *Name;
  uint32_t Op;           // enum syncsan_op
  const char *Signature; // return type, ':', parameter types; i = i32, p = ptr, v = void
  CallGroup Group;
  unsigned Handle; // index of the parameter that is the synchronisation object
  CallSuccess Success;
};

/// The entry for Name, or nullptr.
const InterceptedCall *findInterceptedCall(llvm::StringRef Name);

/// True when FTy is exactly the signature the table expects.
bool matchesSignature(const InterceptedCall &C, llvm::FunctionType *FTy);

} // namespace syncsan

#endif
