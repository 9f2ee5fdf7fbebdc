//===- InterceptedCalls.cpp - which library calls become hooks -----------===//
#include "InterceptedCalls.h"

#include "SignatureCode.h"

#include "syncsan/abi.h"
#include "syncsan/intercept.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DerivedTypes.h"

// The C types the rows of <syncsan/intercept.h> are written in.
#include <pthread.h>
#include <threads.h>
#include <time.h>

using namespace llvm;

namespace syncsan {

// The rows' spelling of their group and success convention.
namespace intercept_row {
constexpr CallGroup LOCK = CallGroup::Lock;
constexpr CallGroup THREAD = CallGroup::Thread;
constexpr CallSuccess ZERO = CallSuccess::Zero;
constexpr CallSuccess THRD = CallSuccess::Thrd;
constexpr CallSuccess VOID = CallSuccess::Void;
} // namespace intercept_row

// A handle out of range would name no object, and a success convention
// that disagrees with the return type would misread the result.
#define SYNCSAN_CHECK_ROW(name, op, group, ret, params, handle, success)                           \
  static_assert(handle < Sig<ret params>::NumParams,                                               \
                #name ": the handle is not an index into the parameters");                         \
  static_assert((intercept_row::success == CallSuccess::Void) ==                                   \
                    (Sig<ret params>::Value[0] == 'v'),                                            \
                #name ": success is VOID exactly when the result is void");
SYNCSAN_INTERCEPTED_CALLS(SYNCSAN_CHECK_ROW)
#undef SYNCSAN_CHECK_ROW

// Names as the C library exports them; C code and libstdc++'s gthread
// wrappers (std::mutex, std::condition_variable, ...) both call these.
#define SYNCSAN_TABLE_ROW(name, op, group, ret, params, handle, success)                           \
  {#name, SYNCSAN_OP_##op, Sig<ret params>::Value, intercept_row::group, handle,                   \
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

static bool typeMatches(char Code, Type *T) {
  switch (Code) {
  case 'i':
    return T->isIntegerTy(32);
  case 'p':
    return T->isPointerTy();
  case 'v':
    return T->isVoidTy();
  default:
    return false;
  }
}

bool matchesSignature(const InterceptedCall &C, FunctionType *FTy) {
  StringRef Sig(C.Signature);
  auto [Ret, Params] = Sig.split(':');
  if (FTy->isVarArg() || Ret.size() != 1 || !typeMatches(Ret[0], FTy->getReturnType()))
    return false;
  if (Params.size() != FTy->getNumParams())
    return false;
  for (unsigned I = 0; I < Params.size(); ++I)
    if (!typeMatches(Params[I], FTy->getParamType(I)))
      return false;
  return true;
}

} // namespace syncsan
