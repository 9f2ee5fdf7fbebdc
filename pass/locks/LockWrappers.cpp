//===- LockWrappers.cpp - recognise the module's lock wrappers ------------===//
//
// Two shapes (docs/design.md, "Lock wrappers", states the rule):
//  - a forwarder does nothing but lock operations on objects it is handed:
//    each operation's object (and each pointer passed on to another
//    wrapper) derives from a parameter;
//  - an allocator returns a lock it initialised in memory it obtained
//    from a call (malloc, operator new, the project's allocator) or was
//    handed.
// Both are small and loop-free. Anything the rule does not know (an
// unknown instruction, a call of another kind, a store to shared memory)
// makes the function an ordinary one: recognition only ever adds a flag,
// and a missed wrapper only keeps the sites as they were.
//
//===----------------------------------------------------------------------===//
#include "LockWrappers.h"

#include "InterceptedCalls.h"
#include "ValueRoots.h"

#include "syncsan/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace syncsan {

static cl::opt<bool> RecogniseWrappers(
    "syncsan-lock-wrappers",
    cl::desc("Recognise the module's lock wrappers: their sites name their callers"),
    cl::init(true));

// Bounds on a wrapper's size (instructions other than debug records): a
// forwarder at -O0 is a dozen, libevent's and sqlite's allocators a few
// dozen. They keep the rule's walks (ValueRoots.h) cheap on any input.
static constexpr unsigned MaxForwarderSize = 64;
static constexpr unsigned MaxAllocatorSize = 160;

namespace {

enum class Kind { None, Forwarder, Allocator };

/// What a wrapper leaves changed for its caller.
enum Effect : unsigned { Acquires = 1, Releases = 2 };

struct Known {
  Kind K = Kind::None;
  unsigned Effects = 0;
};
using KnownMap = DenseMap<const Function *, Known>;

} // namespace

static const Function *directCallee(const CallBase &CB) {
  return dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
}

/// The intercepted lock operation CB is, or nullptr.
static const InterceptedCall *lockOperation(const CallBase &CB) {
  const Function *Callee = directCallee(CB);
  if (!Callee || !Callee->isDeclaration() || !Callee->hasName())
    return nullptr;
  const InterceptedCall *C = findInterceptedCall(Callee->getName());
  if (!C || C->Group != CallGroup::Lock || !matchesCall(*C, CB) || C->Handle >= CB.arg_size())
    return nullptr;
  return C;
}

static bool isInit(uint32_t Op) {
  switch (Op) {
  case SYNCSAN_OP_MUTEX_INIT:
  case SYNCSAN_OP_RWLOCK_INIT:
  case SYNCSAN_OP_SPIN_INIT:
  case SYNCSAN_OP_MTX_INIT:
  case SYNCSAN_OP_COND_INIT:
  case SYNCSAN_OP_CND_INIT:
  case SYNCSAN_OP_CXX_CONDVAR_INIT:
    return true;
  default:
    return false;
  }
}

static bool isDestroy(uint32_t Op) {
  switch (Op) {
  case SYNCSAN_OP_MUTEX_DESTROY:
  case SYNCSAN_OP_RWLOCK_DESTROY:
  case SYNCSAN_OP_SPIN_DESTROY:
  case SYNCSAN_OP_MTX_DESTROY:
  case SYNCSAN_OP_COND_DESTROY:
  case SYNCSAN_OP_CND_DESTROY:
  case SYNCSAN_OP_CXX_CONDVAR_DESTROY:
    return true;
  default:
    return false;
  }
}

static unsigned effectOf(uint32_t Op) {
  switch (Op) {
  case SYNCSAN_OP_MUTEX_UNLOCK:
  case SYNCSAN_OP_RWLOCK_UNLOCK:
  case SYNCSAN_OP_SPIN_UNLOCK:
  case SYNCSAN_OP_MTX_UNLOCK:
    return Releases;
  case SYNCSAN_OP_MUTEX_LOCK:
  case SYNCSAN_OP_MUTEX_TRYLOCK:
  case SYNCSAN_OP_MUTEX_TIMEDLOCK:
  case SYNCSAN_OP_MUTEX_CLOCKLOCK:
  case SYNCSAN_OP_RWLOCK_RDLOCK:
  case SYNCSAN_OP_RWLOCK_TRYRDLOCK:
  case SYNCSAN_OP_RWLOCK_TIMEDRDLOCK:
  case SYNCSAN_OP_RWLOCK_CLOCKRDLOCK:
  case SYNCSAN_OP_RWLOCK_WRLOCK:
  case SYNCSAN_OP_RWLOCK_TRYWRLOCK:
  case SYNCSAN_OP_RWLOCK_TIMEDWRLOCK:
  case SYNCSAN_OP_RWLOCK_CLOCKWRLOCK:
  case SYNCSAN_OP_SPIN_LOCK:
  case SYNCSAN_OP_SPIN_TRYLOCK:
  case SYNCSAN_OP_MTX_LOCK:
  case SYNCSAN_OP_MTX_TRYLOCK:
  case SYNCSAN_OP_MTX_TIMEDLOCK:
    return Acquires;
  default:
    return 0; // init, destroy, waits, signals: no lock left held or released
  }
}

static bool isWait(uint32_t Op) {
  switch (Op) {
  case SYNCSAN_OP_COND_WAIT:
  case SYNCSAN_OP_COND_TIMEDWAIT:
  case SYNCSAN_OP_COND_CLOCKWAIT:
  case SYNCSAN_OP_CND_WAIT:
  case SYNCSAN_OP_CND_TIMEDWAIT:
  case SYNCSAN_OP_CXX_CONDVAR_WAIT:
    return true;
  default:
    return false;
  }
}

/// Calls that are no work of their own: debug records, lifetime markers,
/// annotations and hints.
static bool isInertIntrinsic(const CallBase &CB) {
  const auto *II = dyn_cast<IntrinsicInst>(&CB);
  if (!II)
    return false;
  if (isa<DbgInfoIntrinsic>(II) || II->isLifetimeStartOrEnd())
    return true;
  switch (II->getIntrinsicID()) {
  case Intrinsic::ptr_annotation:
  case Intrinsic::var_annotation:
  case Intrinsic::assume:
  case Intrinsic::expect:
  case Intrinsic::launder_invariant_group:
  case Intrinsic::strip_invariant_group:
    return true;
  default:
    return false;
  }
}

/// Lock-attribute set-up (pthread_mutexattr_settype, ...) and calls that
/// do not return (abort, __assert_fail on an error path) are part of
/// taking or making a lock, not work of their own.
static bool isLockSetupCall(const CallBase &CB) {
  const Function *Callee = directCallee(CB);
  if (!Callee)
    return false;
  if (CB.doesNotReturn() || Callee->doesNotReturn())
    return true;
  StringRef N = Callee->getName();
  return Callee->isDeclaration() && N.starts_with("pthread_") && N.contains("attr_");
}

static unsigned size(const Function &F) {
  unsigned N = 0;
  for (const Instruction &I : instructions(F))
    if (!isa<DbgInfoIntrinsic>(I))
      ++N;
  return N;
}

/// True when F's control flow has no cycle (iterative depth-first search).
static bool loopFree(const Function &F) {
  DenseMap<const BasicBlock *, int> State; // 1: on the stack, 2: done
  SmallVector<std::pair<const BasicBlock *, const_succ_iterator>, 16> Stack;
  const BasicBlock *Entry = &F.getEntryBlock();
  State[Entry] = 1;
  Stack.push_back({Entry, succ_begin(Entry)});
  while (!Stack.empty()) {
    auto &[BB, It] = Stack.back();
    if (It == succ_end(BB)) {
      State[BB] = 2;
      Stack.pop_back();
      continue;
    }
    const BasicBlock *S = *It++;
    int &St = State[S];
    if (St == 1)
      return false;
    if (St == 0) {
      St = 1;
      Stack.push_back({S, succ_begin(S)});
    }
  }
  return true;
}

namespace {

/// One function's instructions sorted by the rule's terms.
struct Survey {
  SmallVector<std::pair<const CallBase *, const InterceptedCall *>, 4> LockOps;
  SmallVector<const CallBase *, 4> WrapperCalls;   // of forwarders or allocators
  SmallVector<const CallBase *, 4> AllocatorCalls; // the subset of allocators
  SmallVector<const CallBase *, 4> OtherCalls;     // direct calls of anything else
  SmallVector<const StoreInst *, 4> SharedStores;  // stores outside the frame
  SmallVector<const LoadInst *, 4> SharedLoads;    // loads outside the frame
  SmallVector<const ReturnInst *, 2> Returns;
  unsigned Effects = 0; // of its lock operations and wrapper calls
  bool Foreign = false; // something no wrapper does (atomics, indirect calls, ...)
};

} // namespace

static bool inFrame(const Value *Ptr, const Function &F) {
  const auto *AI = dyn_cast<AllocaInst>(Ptr->stripPointerCasts());
  return AI && AI->getFunction() == &F;
}

static Survey survey(const Function &F, const KnownMap &Known) {
  Survey S;
  for (const Instruction &I : instructions(F)) {
    if (const auto *CB = dyn_cast<CallBase>(&I)) {
      if (isInertIntrinsic(*CB) || isLockSetupCall(*CB))
        continue;
      if (isa<CallBrInst>(CB) || CB->isInlineAsm()) {
        S.Foreign = true;
      } else if (const InterceptedCall *C = lockOperation(*CB)) {
        S.LockOps.push_back({CB, C});
        S.Effects |= effectOf(C->Op);
      } else if (const Function *Callee = directCallee(*CB)) {
        auto It = Known.find(Callee);
        if (It != Known.end() && It->second.K != Kind::None) {
          S.WrapperCalls.push_back(CB);
          S.Effects |= It->second.Effects;
          if (It->second.K == Kind::Allocator)
            S.AllocatorCalls.push_back(CB);
        } else {
          S.OtherCalls.push_back(CB);
        }
      } else {
        S.Foreign = true; // through a pointer: could be anything
      }
    } else if (const auto *St = dyn_cast<StoreInst>(&I)) {
      if (St->isVolatile() || St->isAtomic())
        S.Foreign = true;
      else if (!inFrame(St->getPointerOperand(), F))
        S.SharedStores.push_back(St);
    } else if (const auto *L = dyn_cast<LoadInst>(&I)) {
      if (L->isVolatile() || L->isAtomic())
        S.Foreign = true;
      else if (!inFrame(L->getPointerOperand(), F))
        S.SharedLoads.push_back(L);
    } else if (const auto *R = dyn_cast<ReturnInst>(&I)) {
      S.Returns.push_back(R);
    } else if (I.mayHaveSideEffects() && !isa<LandingPadInst>(I) && !isa<ResumeInst>(I)) {
      S.Foreign = true; // atomics, fences, va_arg, ...
    }
  }
  return S;
}

static bool isForwarder(const Function &F, const Survey &S) {
  // Taking and releasing a lock in one function is a critical section,
  // however empty: a forwarder leaves its lock taken, or released, for its
  // caller.
  if (size(F) > MaxForwarderSize || S.Foreign || !S.OtherCalls.empty() || !S.SharedStores.empty() ||
      !S.AllocatorCalls.empty() || (S.LockOps.empty() && S.WrapperCalls.empty()) ||
      S.Effects == (Acquires | Releases))
    return false;
  RootFinder Shape(F);
  for (auto [CB, C] : S.LockOps) {
    if (!onlyFrom(Shape.roots(CB->getArgOperand(C->Handle)), true, false, false))
      return false;
    // A wait's mutex is the second object it operates on.
    if (isWait(C->Op) &&
        (CB->arg_size() < 2 || !onlyFrom(Shape.roots(CB->getArgOperand(1)), true, false, false)))
      return false;
  }
  for (const CallBase *CB : S.WrapperCalls)
    for (const Value *A : CB->args())
      if (A->getType()->isPointerTy() && !onlyFrom(Shape.roots(A), true, false, false))
        return false;
  // Reading shared memory is work unless it fetches a lock to operate on.
  for (const LoadInst *L : S.SharedLoads)
    if (!Shape.usedLoad(L))
      return false;
  return true;
}

/// A lock layer's allocator serves many kinds of object: a table of the
/// layer's functions holds it, or several functions call it. A constructor
/// of one kind (inode_new(), called where inodes are made) is not one: its
/// locks' class is its own init site, one for the kind.
static bool servesManyPlaces(const Function &F) {
  if (F.hasAddressTaken())
    return true;
  const Function *Caller = nullptr;
  for (const User *U : F.users())
    if (const auto *CB = dyn_cast<CallBase>(U)) {
      if (Caller && CB->getFunction() != Caller)
        return true;
      Caller = CB->getFunction();
    }
  return false;
}

static bool isAllocator(const Function &F, const Survey &S) {
  if (!F.getReturnType()->isPointerTy() || size(F) > MaxAllocatorSize || S.Foreign ||
      S.WrapperCalls.size() != S.AllocatorCalls.size() || !servesManyPlaces(F))
    return false;
  RootFinder Shape(F);
  // The memory each lock is made in: calls' results (allocations) or
  // parameters; a global alongside them is a static lock handed out by
  // the same function (sqlite's staticMutexes[]).
  SmallPtrSet<const CallBase *, 4> Memory;
  bool Made = false, FromArg = false;
  for (auto [CB, C] : S.LockOps) {
    if (isDestroy(C->Op))
      continue; // a failure path's clean-up
    if (!isInit(C->Op))
      return false;
    Roots R = Shape.roots(CB->getArgOperand(C->Handle));
    if (R.Unknown || (!R.Arg && R.Calls.empty()))
      return false;
    Memory.insert(R.Calls.begin(), R.Calls.end());
    FromArg |= R.Arg;
    Made = true;
  }
  for (const CallBase *CB : S.AllocatorCalls)
    Memory.insert(CB);
  if (!Made && S.AllocatorCalls.empty())
    return false;
  // It returns what it made.
  bool Returned = false;
  for (const ReturnInst *Ret : S.Returns) {
    if (!Ret->getReturnValue())
      return false;
    Roots R = Shape.roots(Ret->getReturnValue());
    if (R.Unknown)
      return false;
    for (const CallBase *CB : R.Calls)
      Returned |= Memory.count(CB) != 0;
    Returned |= FromArg && R.Arg;
  }
  if (!Returned)
    return false;
  // Memory the function made: a call's result that holds a lock it made
  // (or, at -O0 where one variable holds either, the static lock).
  auto InMemory = [&](const Roots &R) {
    if (R.Unknown || R.Arg || R.Calls.empty())
      return false;
    for (const CallBase *CB : R.Calls)
      if (!Memory.count(CB))
        return false;
    return true;
  };
  // Other calls: the allocation itself, or clean-up of the new memory (a
  // free on a failure path), handed nothing else of the program's.
  for (const CallBase *CB : S.OtherCalls) {
    if (Memory.count(CB))
      continue;
    for (const Value *A : CB->args())
      if (A->getType()->isPointerTy() && !inFrame(A, F) && !InMemory(Shape.roots(A)))
        return false;
  }
  // Stores into the new object of constants or parameters (sqlite's
  // p->id = iType); anything else is initialising an object of the
  // program, not a lock.
  for (const StoreInst *St : S.SharedStores) {
    if (!InMemory(Shape.roots(St->getPointerOperand())))
      return false;
    if (!onlyFrom(Shape.roots(St->getValueOperand()), true, true, false))
      return false;
  }
  for (const LoadInst *L : S.SharedLoads)
    if (!Shape.usedLoad(L))
      return false;
  return true;
}

static bool candidate(const Function &F) {
  return !F.isDeclaration() && !F.isIntrinsic() && !isSystemFunction(F) &&
         !F.getName().starts_with("syncsan.") && !F.getName().starts_with("__syncsan_") &&
         F.getName() != "main" && loopFree(F);
}

/// The functions that call F directly: the ones to look at again when F
/// becomes a wrapper.
template <typename Fn> static void forEachCaller(Function &F, Fn Visit) {
  for (User *U : F.users())
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == &F)
      Visit(*CB->getFunction());
}

/// A system-header function is a wrapper for the rule when it has a lock
/// operation or calls such a function (std::lock_guard's constructor).
static Known systemWrapper(const Function &F, const KnownMap &Known) {
  struct Known K;
  for (const Instruction &I : instructions(F)) {
    const auto *CB = dyn_cast<CallBase>(&I);
    if (!CB)
      continue;
    if (const InterceptedCall *C = lockOperation(*CB)) {
      K.K = Kind::Forwarder;
      K.Effects |= effectOf(C->Op);
    } else if (const Function *Callee = directCallee(*CB)) {
      auto It = Known.find(Callee);
      if (It != Known.end() && It->second.K != Kind::None) {
        K.K = Kind::Forwarder;
        K.Effects |= It->second.Effects;
      }
    }
  }
  return K;
}

SmallVector<Function *, 8> recogniseLockWrappers(Module &M) {
  SmallVector<Function *, 8> Found;
  if (!RecogniseWrappers)
    return Found;
  KnownMap Known;
  SmallVector<Function *, 64> Work;
  SmallPtrSet<Function *, 32> Queued;
  auto Enqueue = [&](Function &F) {
    if (Queued.insert(&F).second)
      Work.push_back(&F);
  };

  // First the system-header wrappers: a call of one (std::mutex::lock at
  // -O0) is a lock operation for the rule, so LOCK(std::mutex &m) is a
  // forwarder. A function is looked at again when one it calls changes,
  // until nothing does (what each leaves taken or released only grows).
  for (Function &F : M)
    if (!F.isDeclaration() && isSystemFunction(F))
      Enqueue(F);
  while (!Work.empty()) {
    Function *F = Work.pop_back_val();
    Queued.erase(F);
    struct Known Now = systemWrapper(*F, Known);
    struct Known &Old = Known[F];
    if (Now.K == Old.K && Now.Effects == Old.Effects)
      continue;
    Old = Now;
    forEachCaller(*F, [&](Function &G) {
      if (isSystemFunction(G))
        Enqueue(G);
    });
  }

  // Then the module's own: each candidate once, and again when a function
  // it calls becomes a wrapper (so a wrapper of wrappers is found in any
  // order). A wrapper stays one: its calls were all settled when it was
  // found.
  SmallPtrSet<Function *, 32> Candidates;
  for (Function &F : M)
    if (candidate(F)) {
      Candidates.insert(&F);
      Enqueue(F);
    }
  while (!Work.empty()) {
    Function *F = Work.pop_back_val();
    Queued.erase(F);
    auto It = Known.find(F);
    if (It != Known.end() && It->second.K != Kind::None)
      continue;
    Survey S = survey(*F, Known);
    Kind K = isForwarder(*F, S)   ? Kind::Forwarder
             : isAllocator(*F, S) ? Kind::Allocator
                                  : Kind::None;
    if (K == Kind::None)
      continue;
    Known[F] = {K, S.Effects};
    forEachCaller(*F, [&](Function &G) {
      if (Candidates.count(&G))
        Enqueue(G);
    });
  }

  // In the module's order, so that the record does not depend on the walk.
  for (Function &F : M)
    if (auto It = Known.find(&F);
        It != Known.end() && It->second.K != Kind::None && !isSystemFunction(F))
      Found.push_back(&F);
  return Found;
}

} // namespace syncsan
