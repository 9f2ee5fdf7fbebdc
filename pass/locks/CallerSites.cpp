//===- CallerSites.cpp - name the user's line for calls in wrappers -------===//
#include "CallerSites.h"

#include "core/Sites.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

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

void annotateWrapperCalls(Module &M, SiteTable &Sites,
                          const SmallPtrSetImpl<Function *> &Seeds) {
  if (Seeds.empty())
    return;
  SmallPtrSet<Function *, 16> W = wrapperClosure(M, Seeds);

  SmallVector<CallBase *, 16> Calls;
  for (Function &F : M) {
    if (F.isDeclaration() || isSystemFunction(F) || F.getName().starts_with("syncsan."))
      continue;
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *Callee = directCallee(*CB); Callee && W.count(Callee) &&
                                                  !isa<CallBrInst>(CB))
          Calls.push_back(CB);
  }
  if (Calls.empty())
    return;

  GlobalVariable *Slot = callerSiteSlot(M);
  Constant *Null = ConstantPointerNull::get(PointerType::getUnqual(M.getContext()));
  for (CallBase *CB : Calls) {
    IRBuilder<> B(CB);
    B.CreateStore(Sites.getCaller(*CB, *directCallee(*CB)), Slot);
    // Clear it afterwards so that a later wrapper call from code the pass
    // did not see is not attributed to this line. An invoke's normal
    // successor may have other predecessors: clear there only if not.
    Instruction *After = nullptr;
    if (isa<CallInst>(CB))
      After = CB->getNextNode();
    else if (auto *II = dyn_cast<InvokeInst>(CB))
      if (BasicBlock *N = II->getNormalDest(); N->getSinglePredecessor())
        After = &*N->getFirstInsertionPt();
    if (After) {
      IRBuilder<> A(After);
      A.CreateStore(Null, Slot);
    }
  }
}

} // namespace syncsan
