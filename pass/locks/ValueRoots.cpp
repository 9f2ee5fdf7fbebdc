//===- ValueRoots.cpp - where a pointer in a small function comes from ----===//
#include "ValueRoots.h"

#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"

using namespace llvm;

namespace syncsan {

// Deep enough for -O0's variable-load-GEP chains; a walk that goes deeper
// gives up (unknown) rather than wander.
static constexpr unsigned MaxWalkDepth = 24;

// An alloca that is only loaded and stored (a local variable at -O0): what
// a load of it yields is one of the values stored into it.
bool RootFinder::isLocalVariable(const Value *P) {
  const auto *AI = dyn_cast<AllocaInst>(P);
  if (!AI)
    return false;
  for (const User *U : AI->users()) {
    if (const auto *L = dyn_cast<LoadInst>(U)) {
      if (L->getPointerOperand() != AI)
        return false;
    } else if (const auto *S = dyn_cast<StoreInst>(U)) {
      if (S->getPointerOperand() != AI)
        return false; // its address escapes
    } else if (const auto *II = dyn_cast<IntrinsicInst>(U)) {
      if (!II->isLifetimeStartOrEnd() && !isa<DbgInfoIntrinsic>(II))
        return false;
    } else {
      return false;
    }
  }
  return true;
}

void RootFinder::walk(const Value *V, Roots &R, unsigned Depth,
                      SmallPtrSetImpl<const Value *> &Seen) {
  if (!V || Depth > MaxWalkDepth) {
    R.Unknown = true;
    return;
  }
  if (!Seen.insert(V).second)
    return; // a cycle through a phi or a variable adds no root
  if (isa<Argument>(V)) {
    R.Arg = true;
  } else if (isa<Constant>(V) && !isa<ConstantExpr>(V)) {
    R.Const = true; // globals, null, integers
  } else if (const auto *GEP = dyn_cast<GEPOperator>(V)) {
    walk(GEP->getPointerOperand(), R, Depth + 1, Seen);
  } else if (const auto *Op = dyn_cast<Operator>(V);
             Op && (Op->getOpcode() == Instruction::BitCast ||
                    Op->getOpcode() == Instruction::AddrSpaceCast)) {
    walk(Op->getOperand(0), R, Depth + 1, Seen);
  } else if (const auto *PN = dyn_cast<PHINode>(V)) {
    for (const Value *In : PN->incoming_values())
      walk(In, R, Depth + 1, Seen);
  } else if (const auto *Sel = dyn_cast<SelectInst>(V)) {
    walk(Sel->getTrueValue(), R, Depth + 1, Seen);
    walk(Sel->getFalseValue(), R, Depth + 1, Seen);
  } else if (const auto *II = dyn_cast<IntrinsicInst>(V)) {
    // A field with a declared level is reached through llvm.ptr.annotation.
    if ((II->getIntrinsicID() == Intrinsic::ptr_annotation ||
         II->getIntrinsicID() == Intrinsic::launder_invariant_group ||
         II->getIntrinsicID() == Intrinsic::strip_invariant_group) &&
        II->arg_size() > 0)
      walk(II->getArgOperand(0), R, Depth + 1, Seen);
    else
      R.Unknown = true;
  } else if (const auto *CB = dyn_cast<CallBase>(V)) {
    R.Calls.insert(CB);
  } else if (const auto *L = dyn_cast<LoadInst>(V)) {
    const Value *P = L->getPointerOperand()->stripPointerCasts();
    if (isLocalVariable(P) && cast<AllocaInst>(P)->getFunction() == &F) {
      for (const User *U : P->users())
        if (const auto *S = dyn_cast<StoreInst>(U))
          walk(S->getValueOperand(), R, Depth + 1, Seen);
    } else {
      UsedLoads.insert(L);
      walk(L->getPointerOperand(), R, Depth + 1, Seen);
    }
  } else {
    R.Unknown = true;
  }
}

} // namespace syncsan
