//===- LockLevelStatic.cpp - the lock-level-static check ------------------===//
//
// A declared lock hierarchy (SYNCSAN_LOCK_LEVEL) broken where the compiler
// sees it whole: in one function (after inlining, at -O1 and up), a lock
// with a declared level is acquired while a lock of a higher level, or of
// the same level outside an ordered group, is certainly held. The rule is
// the run-time lock-level-violation's; this finds it before any run.
//
// Certainly held: a must-analysis over the function's blocks (what is held
// at a block's entry is what every predecessor holds at its exit). A lock
// is held after its blocking acquisition (a try or timed acquisition may
// fail and is not counted) and until a release that may be of it: the
// release of the same pointer, and, since two pointers may name one lock,
// any release of a lock at the same level or of an undeclared one. A call
// the analysis cannot see through forgets every held lock, since it may
// release one: only the lock API itself, syncsan's hooks, intrinsics and
// the library functions LLVM knows (TargetLibraryInfo: printf, memcpy, ...)
// keep them. So the check never reports what a run could not do; what
// crosses an unknown call is the run-time check's.
//
//===----------------------------------------------------------------------===//
#include "LockLevelStatic.h"

#include "LockLevels.h"
#include "core/Diagnostics.h"

#include "syncsan/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

#include <set>
#include <utility>

using namespace llvm;

namespace syncsan {

static CheckRegistration Reg({"lock-level-static", Severity::Warning,
                              "A lock is acquired, on a path the compiler sees, while a lock "
                              "of a higher declared level is held.",
                              "Acquire locks in increasing level order: take the lower-level "
                              "lock first, or release the higher one before it."});

namespace {

enum class Op { Acquire, Release, Neutral, Unknown };

// The blocking acquisitions and the releases, by the hooks' names or the
// original ones (the check runs after the lock calls became hook calls).
Op classify(const CallBase &CB) {
  if (isa<IntrinsicInst>(CB))
    return Op::Neutral;
  const Function *F = CB.getCalledFunction();
  if (!F)
    return Op::Unknown;
  StringRef Name = F->getName();
  static const StringSet<> Acquires = {"pthread_mutex_lock", "pthread_rwlock_rdlock",
                                       "pthread_rwlock_wrlock", "pthread_spin_lock",
                                       "mtx_lock"};
  static const StringSet<> Releases = {"pthread_mutex_unlock", "pthread_rwlock_unlock",
                                       "pthread_spin_unlock", "mtx_unlock"};
  bool Hook = Name.consume_front("__syncsan_");
  if (Acquires.contains(Name))
    return Op::Acquire;
  if (Releases.contains(Name))
    return Op::Release;
  // The rest of the lock and condvar API (a wait gives its mutex back
  // before it returns) and syncsan's own entry points release nothing
  // else.
  if (Hook || Name.starts_with("pthread_") || Name.starts_with("mtx_") ||
      Name.starts_with("cnd_"))
    return Op::Neutral;
  return Op::Unknown;
}

// A held lock is its pointer and level: the same lock taken on two paths
// (two calls, one pointer) is held after they join. At is one of its
// acquisitions, for the note.
struct Held {
  const Value *Ptr; // the lock pointer, casts stripped
  uint32_t Flags;   // SYNCSAN_SITE_LEVEL_* bits; never 0 here
  const CallBase *At;
  bool operator<(const Held &O) const {
    return Ptr != O.Ptr ? Ptr < O.Ptr : Flags < O.Flags;
  }
  bool operator==(const Held &O) const { return Ptr == O.Ptr && Flags == O.Flags; }
};
using HeldSet = std::set<Held>;

unsigned levelOf(uint32_t Flags) { return Flags >> SYNCSAN_SITE_LEVEL_SHIFT; }
bool orderedGroup(uint32_t Flags) { return Flags & SYNCSAN_SITE_LEVEL_ORDERED; }

const Value *lockArg(const CallBase &CB) {
  return CB.arg_size() ? CB.getArgOperand(0)->stripPointerCasts() : nullptr;
}

std::string describe(const Value *Ptr, uint32_t Flags) {
  std::string S;
  if (auto *GV = dyn_cast<GlobalValue>(Ptr->stripPointerCasts()))
    S = "lock '" + GV->getName().str() + "'";
  else
    S = "a lock";
  S += " (level " + std::to_string(levelOf(Flags)) +
       (orderedGroup(Flags) ? ", ordered group)" : ")");
  return S;
}

class FunctionCheck {
public:
  FunctionCheck(Function &F, const LockLevels &Levels, const TargetLibraryInfo &TLI)
      : F(F), Levels(Levels), TLI(TLI) {}

  void run() {
    if (!anyDeclaredAcquire())
      return;
    ReversePostOrderTraversal<Function *> RPO(&F);
    // Optimistic iteration: a block not yet reached holds "everything"
    // (it is left out of the intersection) until its first visit.
    bool Changed = true;
    for (unsigned Round = 0; Changed && Round < 32; ++Round) {
      Changed = false;
      for (BasicBlock *BB : RPO) {
        HeldSet In = entryOf(BB);
        HeldSet Out = transfer(*BB, In, /*Report=*/false);
        auto It = Exit.find(BB);
        if (It == Exit.end() || It->second != Out) {
          Exit[BB] = std::move(Out);
          Changed = true;
        }
      }
    }
    if (Changed)
      return; // no fixpoint within the bound: say nothing
    for (BasicBlock *BB : RPO)
      transfer(*BB, entryOf(BB), /*Report=*/true);
  }

private:
  bool anyDeclaredAcquire() {
    for (BasicBlock &BB : F)
      for (Instruction &I : BB)
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (classify(*CB) == Op::Acquire && lockArg(*CB) && Levels.flagsFor(lockArg(*CB)))
            return true;
    return false;
  }

  HeldSet entryOf(BasicBlock *BB) {
    if (BB->isEntryBlock())
      return {};
    bool First = true;
    HeldSet In;
    for (BasicBlock *P : predecessors(BB)) {
      auto It = Exit.find(P);
      if (It == Exit.end())
        continue;
      if (First) {
        In = It->second;
        First = false;
        continue;
      }
      HeldSet Both;
      for (const Held &H : In)
        if (It->second.count(H))
          Both.insert(H);
      In = std::move(Both);
    }
    return In;
  }

  bool keepsLocks(const CallBase &CB) {
    const Function *Callee = CB.getCalledFunction();
    LibFunc LF;
    return Callee && TLI.getLibFunc(*Callee, LF) && TLI.has(LF);
  }

  HeldSet transfer(BasicBlock &BB, HeldSet S, bool Report) {
    for (Instruction &I : BB) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      switch (classify(*CB)) {
      case Op::Neutral:
        break;
      case Op::Unknown:
        if (!keepsLocks(*CB))
          S.clear();
        break;
      case Op::Release: {
        const Value *P = lockArg(*CB);
        uint32_t Fl = P ? Levels.flagsFor(P) : 0;
        for (auto It = S.begin(); It != S.end();)
          if (!P || !Fl || It->Ptr == P || It->Flags == Fl)
            It = S.erase(It);
          else
            ++It;
        break;
      }
      case Op::Acquire: {
        const Value *P = lockArg(*CB);
        uint32_t Fl = P ? Levels.flagsFor(P) : 0;
        if (!Fl)
          break;
        if (Report)
          check(*CB, P, Fl, S);
        S.insert({P, Fl, CB});
        break;
      }
      }
    }
    return S;
  }

  void check(const CallBase &CB, const Value *P, uint32_t Fl, const HeldSet &S) {
    for (const Held &H : S) {
      if (H.Ptr == P)
        continue; // the same lock twice: double-lock's, at run time
      unsigned Before = levelOf(H.Flags), Now = levelOf(Fl);
      bool Wrong = Now < Before || (Now == Before && !(orderedGroup(H.Flags) && orderedGroup(Fl)));
      if (!Wrong || !Reported.insert({&CB, H.At}).second)
        continue;
      Diagnostics::get().report(
          "lock-level-static", diagLocation(CB),
          "acquires " + describe(P, Fl) + " while holding " + describe(H.Ptr, H.Flags) +
              " on every path here: levels must increase" +
              (Now == Before ? " (equal levels only within an ordered group)" : ""),
          {DiagNote{diagLocation(*H.At), "the higher-level lock was acquired here"}});
    }
  }

  Function &F;
  const LockLevels &Levels;
  const TargetLibraryInfo &TLI;
  DenseMap<BasicBlock *, HeldSet> Exit;
  std::set<std::pair<const CallBase *, const CallBase *>> Reported;
};

} // namespace

void checkStaticLockLevels(Module &M) {
  if (!Diagnostics::get().enabled("lock-level-static"))
    return;
  LockLevels Levels(M);
  TargetLibraryInfoImpl TLII{Triple(M.getTargetTriple())};
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    TargetLibraryInfo TLI(TLII, &F);
    FunctionCheck(F, Levels, TLI).run();
  }
}

} // namespace syncsan
