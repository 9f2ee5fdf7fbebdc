//===- CallerSites.cpp - name the user's line for calls in wrappers -------===//
#include "CallerSites.h"

#include "core/Sites.h"

#include "syncsan/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace syncsan {

static Function *directCallee(const CallBase &CB) {
  return dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
}

static SmallPtrSet<Function *, 16> wrapperClosure(Module &M,
                                                  const SmallPtrSetImpl<Function *> &Seeds) {
  SmallPtrSet<Function *, 16> W(Seeds.begin(), Seeds.end());
  bool Changed = !W.empty();
  while (Changed) {
    Changed = false;
    for (Function &F : M) {
      if (F.isDeclaration() || W.count(&F) || !isSystemFunction(F))
        continue;
      for (Instruction &I : instructions(F)) {
        auto *CB = dyn_cast<CallBase>(&I);
        Function *Callee = CB ? directCallee(*CB) : nullptr;
        if (Callee && W.count(Callee)) {
          W.insert(&F);
          Changed = true;
          break;
        }
      }
    }
  }
  return W;
}

static GlobalVariable *callerSiteSlot(Module &M) {
  const char *Name = "__syncsan_caller_site";
  if (GlobalVariable *GV = M.getGlobalVariable(Name))
    return GV;
  // Initial-exec: the slot lives in the program's static TLS block, with the
  // runtime, so the store is a single instruction.
  return new GlobalVariable(M, PointerType::getUnqual(M.getContext()), /*isConstant=*/false,
                            GlobalValue::ExternalLinkage, nullptr, Name, nullptr,
                            GlobalValue::InitialExecTLSModel);
}

/// Code after CB on its normal path, where only CB leads: an invoke's
/// normal successor may have other predecessors, and is left alone then.
static Instruction *afterCall(CallBase *CB) {
  if (isa<CallInst>(CB))
    return CB->getNextNode();
  if (auto *II = dyn_cast<InvokeInst>(CB))
    if (BasicBlock *N = II->getNormalDest(); N->getSinglePredecessor())
      return &*N->getFirstInsertionPt();
  return nullptr;
}

/// A call inside a lock wrapper that is not one of its lock operations:
/// the allocation call of an allocator wrapper (sqlite's sqlite3MallocZero
/// takes locks of its own), a clean-up on a failure path.
static bool runsOtherCode(const CallBase &CB, const SmallPtrSetImpl<Function *> &W) {
  if (isa<IntrinsicInst>(CB) || isa<CallBrInst>(CB) || CB.isInlineAsm())
    return false;
  Function *Callee = directCallee(CB);
  if (!Callee)
    return true;
  return !W.count(Callee) && !Callee->getName().starts_with("__syncsan_");
}

namespace {

/// The declared level a lock wrapper's operations carry in their sites
/// (SYNCSAN_SITE_LEVEL_* bits), when they all carry the same: the runtime
/// reads a lock's level from the site that stands for the operation, and
/// the caller's site replaces the wrapper's (session_lock(s) on a field
/// declared SYNCSAN_LOCK_LEVEL(50)). Operations that disagree (lock_both
/// of two levels) give the caller's site none.
class WrapperLevels {
public:
  WrapperLevels(const SiteTable &Sites, const SmallPtrSetImpl<Function *> &W)
      : Sites(Sites), W(W) {}

  uint32_t of(Function &F, unsigned Depth = 0) {
    auto It = Memo.find(&F);
    if (It != Memo.end())
      return It->second;
    Memo[&F] = 0; // a cycle of wrappers adds nothing
    std::optional<uint32_t> Common;
    bool Agree = Depth < 8;
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!Agree || !CB || CB->arg_size() == 0)
        continue;
      std::optional<uint32_t> L;
      Function *Callee = directCallee(*CB);
      if (std::optional<uint32_t> Flags = Sites.flagsOf(CB->getArgOperand(CB->arg_size() - 1)))
        L = *Flags & LevelBits;
      else if (Callee && W.count(Callee))
        L = of(*Callee, Depth + 1);
      if (L && Common && *L != *Common)
        Agree = false;
      if (L)
        Common = L;
    }
    uint32_t Level = Agree && Common ? *Common : 0;
    Memo[&F] = Level;
    return Level;
  }

private:
  static constexpr uint32_t LevelBits =
      SYNCSAN_SITE_LEVEL_ORDERED | (0xffffu << SYNCSAN_SITE_LEVEL_SHIFT);
  const SiteTable &Sites;
  const SmallPtrSetImpl<Function *> &W;
  DenseMap<const Function *, uint32_t> Memo;
};

} // namespace

void annotateWrapperCalls(Module &M, SiteTable &Sites, const SmallPtrSetImpl<Function *> &Seeds,
                          const WrapperScopes &LockWrappers,
                          const SmallPtrSetImpl<Function *> &Dispatchers) {
  SmallPtrSet<Function *, 16> W = wrapperClosure(M, Seeds);
  W.insert(LockWrappers.Functions.begin(), LockWrappers.Functions.end());
  if (W.empty() && Dispatchers.empty())
    return;

  SmallVector<CallBase *, 16> Calls, Guarded;
  for (Function &F : M) {
    if (F.isDeclaration() || isSystemFunction(F) || F.getName().starts_with("syncsan."))
      continue;
    bool InWrapper = W.count(&F);
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || isa<CallBrInst>(CB))
        continue;
      if (InWrapper) {
        // A wrapper's call of a wrapper keeps the outer caller's site.
        if (runsOtherCode(*CB, W))
          Guarded.push_back(CB);
      } else if (Function *Callee = directCallee(*CB);
                 Callee && (W.count(Callee) || Dispatchers.count(Callee))) {
        // A dispatcher's table call is not guarded: the wrapper it reaches
        // (another module's, or one the table holds) names this line.
        Calls.push_back(CB);
      }
    }
  }
  if (Calls.empty() && Guarded.empty())
    return;

  GlobalVariable *Slot = callerSiteSlot(M);
  Type *Ptr = PointerType::getUnqual(M.getContext());
  Constant *Null = ConstantPointerNull::get(cast<PointerType>(Ptr));
  WrapperLevels Levels(Sites, W);
  for (CallBase *CB : Calls) {
    Function *Callee = directCallee(*CB);
    IRBuilder<> B(CB);
    B.CreateStore(Sites.getCaller(*CB, *Callee, Levels.of(*Callee)), Slot);
    // Clear it afterwards so that a later wrapper call from code the pass
    // did not see is not attributed to this line.
    if (Instruction *After = afterCall(CB)) {
      IRBuilder<> A(After);
      A.CreateStore(Null, Slot);
    }
  }
  for (CallBase *CB : Guarded) {
    Instruction *After = afterCall(CB);
    if (!After)
      continue; // nowhere to restore: the wrapper's own sites then stand
    IRBuilder<> B(CB);
    Value *Outer = B.CreateLoad(Ptr, Slot, "syncsan.caller");
    B.CreateStore(Null, Slot);
    IRBuilder<> A(After);
    A.CreateStore(Outer, Slot);
  }
}

} // namespace syncsan
