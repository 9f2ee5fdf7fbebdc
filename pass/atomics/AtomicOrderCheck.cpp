//===- AtomicOrderCheck.cpp - the run-time half of atomic-invalid-order ---===//
//
// A marker whose order is still a variable after optimisation stands on
// the path that only invalid orders take (AtomicOrderMarkers.cpp), so it
// becomes a call of __syncsan_atomic_order_check there: the switch clang
// already emits is the whole in-line test, and valid orders run exactly
// the code they ran before.
//
//===----------------------------------------------------------------------===//
#include "AtomicOrder.h"

#include "core/Sites.h"

#include "syncsan/abi_atomic.h"

#include "llvm/IR/IRBuilder.h"
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

} // namespace syncsan
