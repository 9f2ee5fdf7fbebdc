//===- AtomicOps.cpp - one view of every kind of atomic operation ---------===//
#include "AtomicOps.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace syncsan {

int toCOrder(AtomicOrdering O) {
  switch (O) {
  case AtomicOrdering::Monotonic:
    return 0;
  case AtomicOrdering::Acquire:
    return 2;
  case AtomicOrdering::Release:
    return 3;
  case AtomicOrdering::AcquireRelease:
    return 4;
  case AtomicOrdering::SequentiallyConsistent:
    return 5;
  default:
    return -1;
  }
}

std::string orderName(int O) {
  static const char *const Names[] = {"memory_order_relaxed", "memory_order_consume",
                                      "memory_order_acquire", "memory_order_release",
                                      "memory_order_acq_rel", "memory_order_seq_cst"};
  if (O >= 0 && O <= 5)
    return Names[O];
  return "an out-of-range memory order (" + std::to_string(O) + ")";
}

static int constOrder(Value *V) {
  if (auto *C = dyn_cast_or_null<ConstantInt>(V))
    // libstdc++ passes x86 HLE hints in the bits above the order itself.
    // (Of any width: the low bits alone, so a wide constant never asserts.)
    return static_cast<int>(C->getValue().getLoBits(16).getZExtValue());
  return -1;
}

static const char *rmwName(AtomicRMWInst::BinOp Op) {
  return AtomicRMWInst::getOperationName(Op).data();
}

// ---- library calls ----

namespace {
struct LibcallShape {
  AtomicKind Kind;
  int PtrArg;     // index of the object pointer
  int OrderArg;   // -1: the call has a fixed order (__sync_*)
  int FailArg;    // compare-exchange failure order, or -1
  int FixedOrder; // for __sync_*
  AtomicRMWInst::BinOp Op;
};
} // namespace

static AtomicRMWInst::BinOp rmwOpOf(StringRef S) {
  return StringSwitch<AtomicRMWInst::BinOp>(S)
      .Case("add", AtomicRMWInst::Add)
      .Case("sub", AtomicRMWInst::Sub)
      .Case("and", AtomicRMWInst::And)
      .Case("or", AtomicRMWInst::Or)
      .Case("xor", AtomicRMWInst::Xor)
      .Case("nand", AtomicRMWInst::Nand)
      .Default(AtomicRMWInst::BAD_BINOP);
}

// Parses the names of the GCC/libatomic atomic entry points. Size is the
// _N suffix (0 for the generic, size-first forms).
static std::optional<LibcallShape> libcallShape(StringRef Name, uint64_t &Size) {
  Size = 0;
  StringRef Base = Name;
  {
    size_t U = Name.rfind('_');
    unsigned N;
    if (U != StringRef::npos && !Name.substr(U + 1).getAsInteger(10, N) &&
        (N == 1 || N == 2 || N == 4 || N == 8 || N == 16)) {
      Size = N;
      Base = Name.substr(0, U);
    }
  }
  bool Sized = Size != 0;
  if (Base.consume_front("__atomic_")) {
    int Shift = Sized ? 0 : 1; // generic forms take the size first
    if (Base == "load")
      return LibcallShape{AtomicKind::Load, Shift, Sized ? 1 : 3, -1, -1,
                          AtomicRMWInst::BAD_BINOP};
    if (Base == "store")
      return LibcallShape{AtomicKind::Store, Shift, Sized ? 2 : 3, -1, -1,
                          AtomicRMWInst::BAD_BINOP};
    if (Base == "exchange")
      return LibcallShape{AtomicKind::RMW, Shift, Sized ? 2 : 4, -1, -1, AtomicRMWInst::Xchg};
    if (Base == "compare_exchange")
      return LibcallShape{AtomicKind::CmpXchg, Shift, Sized ? 3 : 4, Sized ? 4 : 5, -1,
                          AtomicRMWInst::BAD_BINOP};
    if (!Sized)
      return std::nullopt;
    StringRef Op;
    if (Base.consume_front("fetch_"))
      Op = Base;
    else if (Base.consume_back("_fetch"))
      Op = Base;
    AtomicRMWInst::BinOp B = rmwOpOf(Op);
    if (B == AtomicRMWInst::BAD_BINOP)
      return std::nullopt;
    return LibcallShape{AtomicKind::RMW, 0, 2, -1, -1, B};
  }
  if (Base.consume_front("__sync_") && Sized) {
    if (Base == "val_compare_and_swap" || Base == "bool_compare_and_swap")
      return LibcallShape{AtomicKind::CmpXchg, 0, -1, -1, 5, AtomicRMWInst::BAD_BINOP};
    if (Base == "lock_test_and_set")
      return LibcallShape{AtomicKind::RMW, 0, -1, -1, 2, AtomicRMWInst::Xchg};
    if (Base == "lock_release")
      return LibcallShape{AtomicKind::Store, 0, -1, -1, 3, AtomicRMWInst::BAD_BINOP};
    StringRef Op;
    if (Base.consume_front("fetch_and_"))
      Op = Base;
    else if (Base.consume_back("_and_fetch"))
      Op = Base;
    AtomicRMWInst::BinOp B = rmwOpOf(Op);
    if (B == AtomicRMWInst::BAD_BINOP)
      return std::nullopt;
    return LibcallShape{AtomicKind::RMW, 0, -1, -1, 5, B};
  }
  return std::nullopt;
}

static std::optional<AtomicOp> asLibcall(CallInst &CI) {
  Function *Callee = CI.getCalledFunction();
  if (!Callee || !Callee->isDeclaration() || !Callee->hasName())
    return std::nullopt;
  StringRef Name = Callee->getName();
  if (!Name.starts_with("__atomic_") && !Name.starts_with("__sync_"))
    return std::nullopt;
  uint64_t Size;
  std::optional<LibcallShape> S = libcallShape(Name, Size);
  if (!S)
    return std::nullopt;
  auto Arg = [&](int I) -> Value * {
    return I >= 0 && static_cast<unsigned>(I) < CI.arg_size() ? CI.getArgOperand(I) : nullptr;
  };
  AtomicOp Op;
  Op.I = &CI;
  Op.Kind = S->Kind;
  Op.Libcall = true;
  Op.RMWOp = S->Op;
  Op.Ptr = Arg(S->PtrArg);
  if (!Op.Ptr || !Op.Ptr->getType()->isPointerTy())
    return std::nullopt;
  if (Size == 0) {
    auto *C = dyn_cast_or_null<ConstantInt>(Arg(0));
    // A size beyond 64 bits is no object's; 0 says "not a constant".
    Size = C && C->getValue().getActiveBits() <= 64 ? C->getZExtValue() : 0;
  }
  Op.Size = Size;
  if (S->OrderArg >= 0) {
    Op.OrderArg = Arg(S->OrderArg);
    if (!Op.OrderArg || !Op.OrderArg->getType()->isIntegerTy())
      return std::nullopt;
    Op.Order = constOrder(Op.OrderArg);
  } else {
    Op.Order = S->FixedOrder;
  }
  if (S->FailArg >= 0) {
    Op.FailureArg = Arg(S->FailArg);
    if (!Op.FailureArg || !Op.FailureArg->getType()->isIntegerTy())
      return std::nullopt;
    Op.FailureOrder = constOrder(Op.FailureArg);
  } else if (Op.Kind == AtomicKind::CmpXchg) {
    Op.FailureOrder = Op.Order;
  }
  return Op;
}

std::optional<AtomicOp> asAtomicOp(Instruction &I) {
  const DataLayout &DL = I.getModule()->getDataLayout();
  AtomicOp Op;
  Op.I = &I;
  if (auto *L = dyn_cast<LoadInst>(&I)) {
    if (!L->isAtomic())
      return std::nullopt;
    Op.Kind = AtomicKind::Load;
    Op.Ptr = L->getPointerOperand();
    Op.Size = DL.getTypeStoreSize(L->getType());
    Op.Order = toCOrder(L->getOrdering());
    Op.Unordered = L->getOrdering() == AtomicOrdering::Unordered;
    Op.Volatile = L->isVolatile();
    Op.SingleThread = L->getSyncScopeID() == SyncScope::SingleThread;
    Op.IRAlign = L->getAlign().value();
    return Op;
  }
  if (auto *S = dyn_cast<StoreInst>(&I)) {
    if (!S->isAtomic())
      return std::nullopt;
    Op.Kind = AtomicKind::Store;
    Op.Ptr = S->getPointerOperand();
    Op.Size = DL.getTypeStoreSize(S->getValueOperand()->getType());
    Op.Order = toCOrder(S->getOrdering());
    Op.Unordered = S->getOrdering() == AtomicOrdering::Unordered;
    Op.Volatile = S->isVolatile();
    Op.SingleThread = S->getSyncScopeID() == SyncScope::SingleThread;
    Op.IRAlign = S->getAlign().value();
    return Op;
  }
  if (auto *R = dyn_cast<AtomicRMWInst>(&I)) {
    Op.Kind = AtomicKind::RMW;
    Op.Ptr = R->getPointerOperand();
    Op.Size = DL.getTypeStoreSize(R->getValOperand()->getType());
    Op.Order = toCOrder(R->getOrdering());
    Op.RMWOp = R->getOperation();
    Op.Volatile = R->isVolatile();
    Op.SingleThread = R->getSyncScopeID() == SyncScope::SingleThread;
    Op.IRAlign = R->getAlign().value();
    return Op;
  }
  if (auto *C = dyn_cast<AtomicCmpXchgInst>(&I)) {
    Op.Kind = AtomicKind::CmpXchg;
    Op.Ptr = C->getPointerOperand();
    Op.Size = DL.getTypeStoreSize(C->getNewValOperand()->getType());
    Op.Order = toCOrder(C->getSuccessOrdering());
    Op.FailureOrder = toCOrder(C->getFailureOrdering());
    Op.Volatile = C->isVolatile();
    Op.SingleThread = C->getSyncScopeID() == SyncScope::SingleThread;
    Op.IRAlign = C->getAlign().value();
    return Op;
  }
  if (auto *F = dyn_cast<FenceInst>(&I)) {
    Op.Kind = AtomicKind::Fence;
    Op.Order = toCOrder(F->getOrdering());
    Op.SingleThread = F->getSyncScopeID() == SyncScope::SingleThread;
    return Op;
  }
  if (auto *CI = dyn_cast<CallInst>(&I))
    return asLibcall(*CI);
  return std::nullopt;
}

std::string describe(const AtomicOp &Op) {
  if (Op.Libcall) {
    auto *CB = dyn_cast<CallBase>(Op.I);
    const Function *F = CB ? CB->getCalledFunction() : nullptr;
    return F ? "call to " + F->getName().str() : "atomic library call";
  }
  switch (Op.Kind) {
  case AtomicKind::Load:
    return "atomic load";
  case AtomicKind::Store:
    return "atomic store";
  case AtomicKind::RMW:
    return std::string("atomic read-modify-write (") + rmwName(Op.RMWOp) + ")";
  case AtomicKind::CmpXchg:
    return "atomic compare-exchange";
  case AtomicKind::Fence:
    return "atomic fence";
  }
  return "atomic operation";
}

} // namespace syncsan
