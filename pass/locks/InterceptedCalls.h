//===- InterceptedCalls.h - which library calls become hooks ---*- C++ -*-===//
//
// Each intercepted function F is rewritten into __syncsan_F with the same
// arguments plus a trailing site pointer. The table, built from the rows of
// <syncsan/intercept.h>, gives the operation kind recorded in the site and
// the C signature the hook expects, so that a call of an unexpected shape
// (a user function of the same name, a K&R call whose arguments are not
// the function's) is left alone instead of being miscompiled.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_INTERCEPTEDCALLS_H
#define SYNCSAN_PASS_INTERCEPTEDCALLS_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace llvm {
class CallBase;
class FunctionType;
class LLVMContext;
} // namespace llvm

namespace syncsan {

enum class CallGroup { Lock, Thread, Barrier, Queue };

/// How the intercepted function's result says the operation took effect.
enum class CallSuccess {
  Zero, // returns 0 (POSIX)
  Thrd, // returns thrd_success (C11)
  Void,    // returns nothing
  NonNull, // returns a non-NULL pointer
  NonNeg,  // returns >= 0 (a byte count; -1 and errno on failure)
  NonZero, // returns non-zero (true)
};

struct InterceptedCall {
  const char *Name;
  uint32_t Op;           // enum syncsan_op
  const char *Signature; // return type, ':', parameter types; i = i32, l = i64, p = ptr, v = void
  CallGroup Group;
  unsigned Handle; // index of the parameter that is the synchronisation object, or
                   // HandleIsResult
  CallSuccess Success;
};

/// InterceptedCall::Handle of an operation that returns the object it makes
/// (a row's SYNCSAN_ROW_RESULT): no parameter names it.
constexpr unsigned HandleIsResult = ~0u;

/// The entry for Name, or nullptr.
const InterceptedCall *findInterceptedCall(llvm::StringRef Name);

/// True when FTy is exactly the signature the table expects.
bool matchesSignature(const InterceptedCall &C, llvm::FunctionType *FTy);

/// True when CB calls the row's function as the C library defines it:
/// with exactly its signature, or through a K&R declaration (a variadic
/// call type) with arguments of the row's count and kinds.
bool matchesCall(const InterceptedCall &C, const llvm::CallBase &CB);

/// The row's C signature as an IR function type: the hook's parameters
/// before the site pointer, and what it returns.
llvm::FunctionType *rowFunctionType(const InterceptedCall &C, llvm::LLVMContext &Ctx);

} // namespace syncsan

#endif
