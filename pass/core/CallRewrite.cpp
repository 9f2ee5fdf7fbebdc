//===- CallRewrite.cpp - replace a call by a call of a hook ---------------===//
#include "CallRewrite.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace syncsan {

CallBase *replaceCall(CallBase *CB, FunctionCallee Hook, ArrayRef<Value *> Args) {
  SmallVector<OperandBundleDef, 1> Bundles;
  CB->getOperandBundlesAsDefs(Bundles);
  IRBuilder<> B(CB);
  CallBase *New;
  if (auto *II = dyn_cast<InvokeInst>(CB))
    New = B.CreateInvoke(Hook, II->getNormalDest(), II->getUnwindDest(), Args, Bundles);
  else
    New = B.CreateCall(Hook, Args, Bundles);
  New->setDebugLoc(CB->getDebugLoc());
  New->takeName(CB);
  CB->replaceAllUsesWith(New);
  CB->eraseFromParent();
  return New;
}

} // namespace syncsan
