//===- AtomicOrderCheck.cpp - the run-time half of atomic-invalid-order ---===//
//
// A marker whose order is still a variable after optimisation stands on
// the path that only invalid orders take (AtomicOrderMarkers.cpp), so it
// becomes a call of __syncsan_atomic_order_check there: the switch clang
// already emits is the whole in-line test, and valid orders run exactly
// the code they ran before. Likewise a C compare-exchange that clang
// compiled with a failure ordering stronger than its success ordering, one
// of the combinations behind its switches over variable orders, runs only
// for orders that break C's rule: a call just before it reports them.
//
//===----------------------------------------------------------------------===//
#include "AtomicOrder.h"

#include "core/Sites.h"

#include "syncsan/abi_atomic.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace syncsan {

static uint32_t abiUse(OrderUse U) {
  switch (U) {
  case OrderUse::Load:
    return SYNCSAN_ORDER_USE_LOAD;
  case OrderUse::Store:
    return SYNCSAN_ORDER_USE_STORE;
  case OrderUse::RMW:
    return SYNCSAN_ORDER_USE_RMW;
  case OrderUse::CmpXchgSuccess:
    return SYNCSAN_ORDER_USE_CMPXCHG;
  case OrderUse::CmpXchgFailure:
    return SYNCSAN_ORDER_USE_CMPXCHG_FAILURE;
  }
  return SYNCSAN_ORDER_USE_LOAD;
}

static uint32_t siteOp(OrderUse U) {
  switch (U) {
  case OrderUse::Load:
    return SYNCSAN_OP_ATOMIC_LOAD;
  case OrderUse::Store:
    return SYNCSAN_OP_ATOMIC_STORE;
  case OrderUse::RMW:
    return SYNCSAN_OP_ATOMIC_RMW;
  case OrderUse::CmpXchgSuccess:
  case OrderUse::CmpXchgFailure:
    return SYNCSAN_OP_ATOMIC_CMPXCHG;
  }
  return SYNCSAN_OP_UNKNOWN;
}

void emitOrderCheck(CallInst &Marker, OrderUse U, SiteTable &Sites) {
  Module &M = *Marker.getModule();
  LLVMContext &C = M.getContext();
  Type *I32 = Type::getInt32Ty(C);
  Type *P = PointerType::getUnqual(C);
  FunctionType *FT = FunctionType::get(Type::getVoidTy(C), {I32, I32, P}, false);
  FunctionCallee F = M.getOrInsertFunction("__syncsan_atomic_order_check", FT);
  if (auto *Fn = dyn_cast<Function>(F.getCallee())) {
    Fn->setDoesNotThrow();
    Fn->addFnAttr(Attribute::Cold);
  }
  IRBuilder<> B(&Marker);
  CallInst *Call = B.CreateCall(F, {Marker.getArgOperand(0), ConstantInt::get(I32, abiUse(U)),
                                    Sites.get(Marker, siteOp(U), nullptr)});
  Call->setDebugLoc(Marker.getDebugLoc());
  Marker.eraseFromParent();
}

// The C order of each ordering an order switch can select.
static bool selects(uint64_t CABI, AtomicOrdering O) {
  switch (CABI) {
  case 0:
    return O == AtomicOrdering::Monotonic;
  case 1:
  case 2:
    return O == AtomicOrdering::Acquire;
  case 3:
    return O == AtomicOrdering::Release;
  case 4:
    return O == AtomicOrdering::AcquireRelease;
  case 5:
    return O == AtomicOrdering::SequentiallyConsistent;
  }
  return false;
}

// The order value that led to BB when BB's only predecessor is a switch
// whose cases into BB all select ordering O (clang's switch over an order:
// the condition is then exactly the order the program passed); else the
// constant Fallback.
static Value *orderInto(BasicBlock *BB, AtomicOrdering O, int Fallback, Type *I32) {
  BasicBlock *P = BB->getUniquePredecessor();
  auto *SI = P ? dyn_cast<SwitchInst>(P->getTerminator()) : nullptr;
  if (!SI || SI->getDefaultDest() == BB || SI->getCondition()->getType() != I32)
    return ConstantInt::get(I32, Fallback);
  for (auto &C : SI->cases())
    if (C.getCaseSuccessor() == BB && !selects(C.getCaseValue()->getZExtValue(), O))
      return ConstantInt::get(I32, Fallback);
  return SI->getCondition();
}

void emitPairCheck(AtomicCmpXchgInst &X, int Success, int Failure, SiteTable &Sites) {
  Module &M = *X.getModule();
  LLVMContext &C = M.getContext();
  Type *I32 = Type::getInt32Ty(C);
  Type *P = PointerType::getUnqual(C);
  FunctionType *FT = FunctionType::get(Type::getVoidTy(C), {I32, I32, P}, false);
  FunctionCallee F = M.getOrInsertFunction("__syncsan_atomic_cmpxchg_order_check", FT);
  if (auto *Fn = dyn_cast<Function>(F.getCallee())) {
    Fn->setDoesNotThrow();
    Fn->addFnAttr(Attribute::Cold);
  }
  // clang nests the failure switch in each case of the success switch.
  BasicBlock *BB = X.getParent();
  Value *FailureV = orderInto(BB, X.getFailureOrdering(), Failure, I32);
  Value *SuccessV = ConstantInt::get(I32, Success);
  if (!isa<Constant>(FailureV))
    if (BasicBlock *Outer = BB->getUniquePredecessor())
      SuccessV = orderInto(Outer, X.getSuccessOrdering(), Success, I32);
  IRBuilder<> B(&X);
  CallInst *Call = B.CreateCall(
      F, {SuccessV, FailureV, Sites.get(X, SYNCSAN_OP_ATOMIC_CMPXCHG, nullptr)});
  Call->setDebugLoc(X.getDebugLoc());
}

} // namespace syncsan
