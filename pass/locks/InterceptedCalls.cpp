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
    {"pthread_mutex_clocklock", SYNCSAN_OP_MUTEX_CLOCKLOCK, "i:pip", CallGroup::Lock},
    {"pthread_rwlock_init", SYNCSAN_OP_RWLOCK_INIT, "i:pp", CallGroup::Lock},
    {"pthread_rwlock_destroy", SYNCSAN_OP_RWLOCK_DESTROY, "i:p", CallGroup::Lock},
    {"pthread_rwlock_rdlock", SYNCSAN_OP_RWLOCK_RDLOCK, "i:p", CallGroup::Lock},
    {"pthread_rwlock_tryrdlock", SYNCSAN_OP_RWLOCK_TRYRDLOCK, "i:p", CallGroup::Lock},
    {"pthread_rwlock_timedrdlock", SYNCSAN_OP_RWLOCK_TIMEDRDLOCK, "i:pp", CallGroup::Lock},
    {"pthread_rwlock_clockrdlock", SYNCSAN_OP_RWLOCK_CLOCKRDLOCK, "i:pip", CallGroup::Lock},
    {"pthread_rwlock_wrlock", SYNCSAN_OP_RWLOCK_WRLOCK, "i:p", CallGroup::Lock},
    {"pthread_rwlock_trywrlock", SYNCSAN_OP_RWLOCK_TRYWRLOCK, "i:p", CallGroup::Lock},
    {"pthread_rwlock_timedwrlock", SYNCSAN_OP_RWLOCK_TIMEDWRLOCK, "i:pp", CallGroup::Lock},
    {"pthread_rwlock_clockwrlock", SYNCSAN_OP_RWLOCK_CLOCKWRLOCK, "i:pip", CallGroup::Lock},
    {"pthread_rwlock_unlock", SYNCSAN_OP_RWLOCK_UNLOCK, "i:p", CallGroup::Lock},
    {"pthread_spin_init", SYNCSAN_OP_SPIN_INIT, "i:pi", CallGroup::Lock},
    {"pthread_spin_destroy", SYNCSAN_OP_SPIN_DESTROY, "i:p", CallGroup::Lock},
    {"pthread_spin_lock", SYNCSAN_OP_SPIN_LOCK, "i:p", CallGroup::Lock},
    {"pthread_spin_trylock", SYNCSAN_OP_SPIN_TRYLOCK, "i:p", CallGroup::Lock},
    {"pthread_spin_unlock", SYNCSAN_OP_SPIN_UNLOCK, "i:p", CallGroup::Lock},
    {"mtx_init", SYNCSAN_OP_MTX_INIT, "i:pi", CallGroup::Lock},
    {"mtx_destroy", SYNCSAN_OP_MTX_DESTROY, "v:p", CallGroup::Lock},
    {"mtx_lock", SYNCSAN_OP_MTX_LOCK, "i:p", CallGroup::Lock},
    {"mtx_trylock", SYNCSAN_OP_MTX_TRYLOCK, "i:p", CallGroup::Lock},
    {"mtx_timedlock", SYNCSAN_OP_MTX_TIMEDLOCK, "i:pp", CallGroup::Lock},
    {"mtx_unlock", SYNCSAN_OP_MTX_UNLOCK, "i:p", CallGroup::Lock},
    {"pthread_cond_init", SYNCSAN_OP_COND_INIT, "i:pp", CallGroup::Lock},
    {"pthread_cond_destroy", SYNCSAN_OP_COND_DESTROY, "i:p", CallGroup::Lock},
    {"pthread_cond_wait", SYNCSAN_OP_COND_WAIT, "i:pp", CallGroup::Lock},
    {"pthread_cond_timedwait", SYNCSAN_OP_COND_TIMEDWAIT, "i:ppp", CallGroup::Lock},
    {"pthread_cond_clockwait", SYNCSAN_OP_COND_CLOCKWAIT, "i:ppip", CallGroup::Lock},
    {"pthread_cond_signal", SYNCSAN_OP_COND_SIGNAL, "i:p", CallGroup::Lock},
    {"pthread_cond_broadcast", SYNCSAN_OP_COND_BROADCAST, "i:p", CallGroup::Lock},
    {"cnd_init", SYNCSAN_OP_CND_INIT, "i:p", CallGroup::Lock},
    {"cnd_destroy", SYNCSAN_OP_CND_DESTROY, "v:p", CallGroup::Lock},
    {"cnd_wait", SYNCSAN_OP_CND_WAIT, "i:pp", CallGroup::Lock},
    {"cnd_timedwait", SYNCSAN_OP_CND_TIMEDWAIT, "i:ppp", CallGroup::Lock},
    {"cnd_signal", SYNCSAN_OP_CND_SIGNAL, "i:p", CallGroup::Lock},
    {"cnd_broadcast", SYNCSAN_OP_CND_BROADCAST, "i:p", CallGroup::Lock},
    // std::condition_variable's constructor, destructor, notify_* and the
    // untimed wait live in libstdc++.so (its timed waits are inline and
    // reach pthread_cond_clockwait above), so they are hooked by their
    // (stable, Itanium-ABI) mangled names. C1/D1 are the complete-object
    // forms callers use; C2/D2 are their aliases.
    {"_ZNSt18condition_variableC1Ev", SYNCSAN_OP_CXX_CONDVAR_INIT, "v:p", CallGroup::Lock},
    {"_ZNSt18condition_variableC2Ev", SYNCSAN_OP_CXX_CONDVAR_INIT, "v:p", CallGroup::Lock},
    {"_ZNSt18condition_variableD1Ev", SYNCSAN_OP_CXX_CONDVAR_DESTROY, "v:p", CallGroup::Lock},
    {"_ZNSt18condition_variableD2Ev", SYNCSAN_OP_CXX_CONDVAR_DESTROY, "v:p", CallGroup::Lock},
    {"_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE",
     SYNCSAN_OP_CXX_CONDVAR_WAIT, "v:pp", CallGroup::Lock},
    {"_ZNSt18condition_variable10notify_oneEv", SYNCSAN_OP_CXX_CONDVAR_NOTIFY_ONE, "v:p",
     CallGroup::Lock},
    {"_ZNSt18condition_variable10notify_allEv", SYNCSAN_OP_CXX_CONDVAR_NOTIFY_ALL, "v:p",
     CallGroup::Lock},
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
