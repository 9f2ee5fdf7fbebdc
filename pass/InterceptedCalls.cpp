//===- InterceptedCalls.cpp - which library calls become hooks -----------===//
#include "InterceptedCalls.h"

#include "syncsan/abi.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DerivedTypes.h"

using namespace llvm;

namespace syncsan {

// Names as the C library exports them; C code and libstdc++'s gthread
// wrappers (std::mutex, std::condition_variable, ...) both call these.
static const InterceptedCall Table[] = {
    {"pthread_mutex_init", SYNCSAN_OP_MUTEX_INIT, "i:pp", CallGroup::Lock},
    {"pthread_mutex_destroy", SYNCSAN_OP_MUTEX_DESTROY, "i:p", CallGroup::Lock},
    {"pthread_mutex_lock", SYNCSAN_OP_MUTEX_LOCK, "i:p", CallGroup::Lock},
    {"pthread_mutex_trylock", SYNCSAN_OP_MUTEX_TRYLOCK, "i:p", CallGroup::Lock},
    {"pthread_mutex_timedlock", SYNCSAN_OP_MUTEX_TIMEDLOCK, "i:pp", CallGroup::Lock},
    {"pthread_mutex_unlock", SYNCSAN_OP_MUTEX_UNLOCK, "i:p", CallGroup::Lock},
    {"pthread_create", SYNCSAN_OP_THREAD_CREATE, "i:pppp", CallGroup::Thread},
    {"thrd_create", SYNCSAN_OP_THRD_CREATE, "i:ppp", CallGroup::Thread},
};

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
