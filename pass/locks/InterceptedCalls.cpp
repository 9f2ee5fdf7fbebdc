//===- InterceptedCalls.cpp - which library calls become hooks -----------===//
#include "InterceptedCalls.h"

#include "SignatureCode.h"

#include "syncsan/abi.h"
#include "syncsan/intercept.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/InstrTypes.h"

// The C types the rows of <syncsan/intercept.h> are written in.
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/types.h>
#include <threads.h>
#include <time.h>

using namespace llvm;

namespace syncsan {

// The rows' spelling of their group and success convention.
namespace intercept_row {
[[maybe_unused]] constexpr CallGroup LOCK = CallGroup::Lock;
[[maybe_unused]] constexpr CallGroup THREAD = CallGroup::Thread;
[[maybe_unused]] constexpr CallGroup BARRIER = CallGroup::Barrier;
[[maybe_unused]] constexpr CallGroup QUEUE = CallGroup::Queue;
constexpr CallSuccess ZERO = CallSuccess::Zero;
constexpr CallSuccess THRD = CallSuccess::Thrd;
constexpr CallSuccess VOID = CallSuccess::Void;
constexpr CallSuccess NONNULL = CallSuccess::NonNull;
constexpr CallSuccess NONNEG = CallSuccess::NonNeg;
constexpr CallSuccess NONZERO = CallSuccess::NonZero;
} // namespace intercept_row

// What a success convention reads the result as: its C type's code.
static constexpr bool successFits(CallSuccess S, char Ret) {
  switch (S) {
  case CallSuccess::Void:
    return Ret == 'v';
  case CallSuccess::NonNull:
    return Ret == 'p';
  case CallSuccess::NonNeg:
    return Ret == 'i' || Ret == 'l';
  case CallSuccess::Zero:
  case CallSuccess::Thrd:
  case CallSuccess::NonZero:
    return Ret == 'i';
  }
  return false;
}

// A handle out of range would name no object, and a success convention
// that disagrees with the return type would misread the result. An object
// that is the result is a pointer.
#define SYNCSAN_CHECK_ROW(name, op, group, ret, params, handle, success)                           \
  static_assert((handle) == SYNCSAN_ROW_RESULT                                                     \
                    ? Sig<ret params>::Value[0] == 'p'                                             \
                    : (handle) >= 0 && (handle) < (int)Sig<ret params>::NumParams,                 \
                #name ": the handle is not an index into the parameters, or the result");          \
  static_assert((intercept_row::success == CallSuccess::Void) ==                                   \
                    (Sig<ret params>::Value[0] == 'v'),                                            \
                #name ": success is VOID exactly when the result is void");                        \
  static_assert(successFits(intercept_row::success, Sig<ret params>::Value[0]),                    \
                #name ": the success convention does not fit the result's type");
SYNCSAN_INTERCEPTED_CALLS(SYNCSAN_CHECK_ROW)
#undef SYNCSAN_CHECK_ROW

// Names as the C library exports them; C code and libstdc++'s gthread
// wrappers (std::mutex, std::condition_variable, ...) both call these.
#define SYNCSAN_TABLE_ROW(name, op, group, ret, params, handle, success)                           \
  {#name,                                                                                          \
   SYNCSAN_OP_##op,                                                                                \
   Sig<ret params>::Value,                                                                         \
   intercept_row::group,                                                                           \
   (handle) == SYNCSAN_ROW_RESULT ? HandleIsResult : static_cast<unsigned>(handle),                \
   intercept_row::success},
static const InterceptedCall Table[] = {SYNCSAN_INTERCEPTED_CALLS(SYNCSAN_TABLE_ROW)};
#undef SYNCSAN_TABLE_ROW

const InterceptedCall *findInterceptedCall(StringRef Name) {
  static const StringMap<const InterceptedCall *> Index = [] {
    StringMap<const InterceptedCall *> M;
    for (const InterceptedCall &C : Table)
      M[C.Name] = &C;
    return M;
  }();
  auto It = Index.find(Name);
  return It == Index.end() ? nullptr : It->second;
}

// The C library's pointers are generic ones (address space 0): the hook's
// parameter is, and another space's pointer passed there would be invalid.
static bool typeMatches(char Code, Type *T) {
  switch (Code) {
  case 'i':
    return T->isIntegerTy(32);
  case 'l':
    return T->isIntegerTy(64);
  case 'p':
    return T->isPointerTy() && T->getPointerAddressSpace() == 0;
  case 'v':
    return T->isVoidTy();
  default:
    return false;
  }
}

static Type *typeOf(char Code, LLVMContext &Ctx) {
  switch (Code) {
  case 'i':
    return Type::getInt32Ty(Ctx);
  case 'l':
    return Type::getInt64Ty(Ctx);
  case 'p':
    return PointerType::getUnqual(Ctx);
  default:
    return Type::getVoidTy(Ctx);
  }
}

// The row's return code and parameter codes.
static std::pair<StringRef, StringRef> codes(const InterceptedCall &C) {
  return StringRef(C.Signature).split(':');
}

bool matchesSignature(const InterceptedCall &C, FunctionType *FTy) {
  auto [Ret, Params] = codes(C);
  if (FTy->isVarArg() || Ret.size() != 1 || !typeMatches(Ret[0], FTy->getReturnType()))
    return false;
  if (Params.size() != FTy->getNumParams())
    return false;
  for (unsigned I = 0; I < Params.size(); ++I)
    if (!typeMatches(Params[I], FTy->getParamType(I)))
      return false;
  return true;
}

bool matchesCall(const InterceptedCall &C, const CallBase &CB) {
  FunctionType *FTy = CB.getFunctionType();
  if (!FTy->isVarArg())
    return matchesSignature(C, FTy);
  // A call through a K&R declaration (`int pthread_mutex_lock();`): clang
  // gives it a variadic type built from the promoted arguments, i32 (ptr, ...).
  // It is the library's call when those arguments are the row's parameters,
  // count and kinds; anything else (an extra argument, a long where the
  // function takes an int) is left alone.
  auto [Ret, Params] = codes(C);
  if (Ret.size() != 1 || !typeMatches(Ret[0], FTy->getReturnType()) ||
      CB.arg_size() != Params.size())
    return false;
  for (unsigned I = 0; I < Params.size(); ++I)
    if (!typeMatches(Params[I], CB.getArgOperand(I)->getType()))
      return false;
  return true;
}

FunctionType *rowFunctionType(const InterceptedCall &C, LLVMContext &Ctx) {
  auto [Ret, Params] = codes(C);
  SmallVector<Type *, 4> Ps;
  for (char P : Params)
    Ps.push_back(typeOf(P, Ctx));
  return FunctionType::get(typeOf(Ret.empty() ? 'v' : Ret[0], Ctx), Ps, /*isVarArg=*/false);
}

} // namespace syncsan
