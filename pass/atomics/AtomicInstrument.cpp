//===- AtomicInstrument.cpp - run-time checks of unproven atomics ---------===//
#include "AtomicInstrument.h"

#include "core/Sites.h"

#include "syncsan/abi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace syncsan {

static cl::opt<bool> InlineChecks(
    "syncsan-atomic-inline-checks", cl::init(true),
    cl::desc("Test an unproven atomic's alignment inline and keep the atomic itself, "
             "calling the runtime only for a misaligned address (the default; =0 calls "
             "the __syncsan_atomic_* hooks instead: smaller code, slower)"));

static const char *rmwHookName(AtomicRMWInst::BinOp Op) {
  switch (Op) {
  case AtomicRMWInst::Xchg:
    return "exchange";
  case AtomicRMWInst::Add:
    return "fetch_add";
  case AtomicRMWInst::Sub:
    return "fetch_sub";
  case AtomicRMWInst::And:
    return "fetch_and";
  case AtomicRMWInst::Or:
    return "fetch_or";
  case AtomicRMWInst::Xor:
    return "fetch_xor";
  case AtomicRMWInst::Nand:
    return "fetch_nand";
  case AtomicRMWInst::Max:
    return "fetch_max";
  case AtomicRMWInst::Min:
    return "fetch_min";
  case AtomicRMWInst::UMax:
    return "fetch_umax";
  case AtomicRMWInst::UMin:
    return "fetch_umin";
  default:
    return nullptr;
  }
}

static uint32_t siteOp(AtomicKind K) {
  switch (K) {
  case AtomicKind::Load:
    return SYNCSAN_OP_ATOMIC_LOAD;
  case AtomicKind::Store:
    return SYNCSAN_OP_ATOMIC_STORE;
  case AtomicKind::RMW:
    return SYNCSAN_OP_ATOMIC_RMW;
  case AtomicKind::CmpXchg:
    return SYNCSAN_OP_ATOMIC_CMPXCHG;
  case AtomicKind::Fence:
    return SYNCSAN_OP_FENCE;
  }
  return SYNCSAN_OP_UNKNOWN;
}

// Values the hooks can carry as an integer of the same size.
static bool convertible(Type *T) {
  return T->isIntegerTy() || T->isPointerTy() || T->isFloatTy() || T->isDoubleTy() ||
         T->isHalfTy() || T->isBFloatTy();
}

static Value *toInt(IRBuilder<> &B, Value *V, IntegerType *IT) {
  Type *T = V->getType();
  if (T == IT)
    return V;
  if (T->isPointerTy())
    return B.CreatePtrToInt(V, IT);
  return B.CreateBitCast(V, IT);
}

static Value *fromInt(IRBuilder<> &B, Value *V, Type *T) {
  if (V->getType() == T)
    return V;
  if (T->isPointerTy())
    return B.CreateIntToPtr(V, T);
  return B.CreateBitCast(V, T);
}

// The hook's declaration, with the zero-extension clang's callee relies on
// for 8- and 16-bit values (x86-64 and AArch64 callers extend them).
static FunctionCallee hook(Module &M, StringRef Name, Type *Ret, ArrayRef<Type *> Params) {
  FunctionType *FT = FunctionType::get(Ret, Params, false);
  FunctionCallee F = M.getOrInsertFunction(Name, FT);
  if (auto *Fn = dyn_cast<Function>(F.getCallee())) {
    Fn->setDoesNotThrow();
    if (Ret->isIntegerTy() && Ret->getIntegerBitWidth() < 32)
      Fn->addRetAttr(Attribute::ZExt);
    for (unsigned I = 0; I < Params.size(); ++I)
      if (Params[I]->isIntegerTy() && Params[I]->getIntegerBitWidth() < 32)
        Fn->addParamAttr(I, Attribute::ZExt);
  }
  return F;
}

static void checkOnly(const AtomicOp &Op, SiteTable &Sites) {
  Module &M = *Op.I->getModule();
  LLVMContext &C = M.getContext();
  Type *P = PointerType::getUnqual(C);
  Type *I64 = Type::getInt64Ty(C);
  IRBuilder<> B(Op.I);
  FunctionCallee F = hook(M, "__syncsan_atomic_check", Type::getVoidTy(C), {P, I64, P});
  CallInst *Call = B.CreateCall(F, {Op.Ptr, ConstantInt::get(I64, Op.Size),
                                    Sites.get(*Op.I, siteOp(Op.Kind), Op.Ptr)});
  Call->setDebugLoc(Op.I->getDebugLoc());
}

// The mask test in line, the report out of line: the operation itself is
// untouched and the common path costs an and, a compare and a branch. The
// report call is cold and never inlined, so the optimiser lays it out of
// the way and keeps the caller's registers for the fast path. After the
// report the program's own instruction runs, the one the hooks would have
// run on the same address, so a misaligned access behaves as without the
// check (an aligned access of at most 16 bytes never straddles a line, so
// the one test serves atomic-split-line too).
static void inlineCheck(const AtomicOp &Op, SiteTable &Sites) {
  Module &M = *Op.I->getModule();
  LLVMContext &C = M.getContext();
  Type *P = PointerType::getUnqual(C);
  Type *I64 = Type::getInt64Ty(C);
  IRBuilder<> B(Op.I);
  B.SetCurrentDebugLocation(Op.I->getDebugLoc());
  Value *Low = B.CreateAnd(B.CreatePtrToInt(Op.Ptr, I64), Op.Size - 1);
  Value *Bad = B.CreateICmpNE(Low, ConstantInt::get(I64, 0));
  Instruction *Then = SplitBlockAndInsertIfThen(
      Bad, Op.I, /*Unreachable=*/false, MDBuilder(C).createUnlikelyBranchWeights());
  IRBuilder<> TB(Then);
  TB.SetCurrentDebugLocation(Op.I->getDebugLoc());
  FunctionCallee F = hook(M, "__syncsan_atomic_check", Type::getVoidTy(C), {P, I64, P});
  CallInst *Call = TB.CreateCall(F, {Op.Ptr, ConstantInt::get(I64, Op.Size),
                                     Sites.get(*Op.I, siteOp(Op.Kind), Op.Ptr)});
  Call->addFnAttr(Attribute::Cold);
  Call->addFnAttr(Attribute::NoInline);
}

bool inlineAtomicChecks() { return InlineChecks; }

bool instrumentAtomic(const AtomicOp &Op, SiteTable &Sites) {
  // The hooks take generic pointers; another address space's pointer has no
  // generic twin on every target (the checks never ask for one).
  if (Op.Kind == AtomicKind::Fence || !Op.Ptr ||
      Op.Ptr->getType()->getPointerAddressSpace() != 0)
    return false;
  if (Op.Size == 0 || Op.Size > 16 || (Op.Size & (Op.Size - 1)))
    return false;

  if (InlineChecks) {
    inlineCheck(Op, Sites);
    return true;
  }

  Instruction *I = Op.I;
  Type *ValTy = nullptr;
  if (auto *L = dyn_cast<LoadInst>(I))
    ValTy = L->getType();
  else if (auto *S = dyn_cast<StoreInst>(I))
    ValTy = S->getValueOperand()->getType();
  else if (auto *R = dyn_cast<AtomicRMWInst>(I))
    ValTy = R->getValOperand()->getType();
  else if (auto *X = dyn_cast<AtomicCmpXchgInst>(I))
    ValTy = X->getNewValOperand()->getType();

  bool Replaceable = !Op.Libcall && !Op.SingleThread && !Op.Unordered && Op.Size <= 8 &&
                     Op.IRAlign >= Op.Size && ValTy && convertible(ValTy) &&
                     !(Op.Kind == AtomicKind::RMW && !rmwHookName(Op.RMWOp)) &&
                     !(Op.Kind == AtomicKind::RMW && Op.RMWOp != AtomicRMWInst::Xchg &&
                       !ValTy->isIntegerTy());
  if (!Replaceable) {
    checkOnly(Op, Sites);
    return true;
  }

  Module &M = *I->getModule();
  LLVMContext &C = M.getContext();
  Type *P = PointerType::getUnqual(C);
  Type *I32 = Type::getInt32Ty(C);
  IntegerType *IT = IntegerType::get(C, Op.Size * 8);
  std::string N = std::to_string(Op.Size);
  Constant *Site = Sites.get(*I, siteOp(Op.Kind), Op.Ptr);
  IRBuilder<> B(I);
  B.SetCurrentDebugLocation(I->getDebugLoc());
  Value *Order = ConstantInt::get(I32, Op.Order);

  switch (Op.Kind) {
  case AtomicKind::Load: {
    FunctionCallee F = hook(M, "__syncsan_atomic_load_" + N, IT, {P, I32, P});
    Value *R = B.CreateCall(F, {Op.Ptr, Order, Site});
    Value *V = fromInt(B, R, ValTy);
    V->takeName(I);
    I->replaceAllUsesWith(V);
    break;
  }
  case AtomicKind::Store: {
    auto *S = cast<StoreInst>(I);
    FunctionCallee F = hook(M, "__syncsan_atomic_store_" + N, Type::getVoidTy(C), {P, IT, I32, P});
    B.CreateCall(F, {Op.Ptr, toInt(B, S->getValueOperand(), IT), Order, Site});
    break;
  }
  case AtomicKind::RMW: {
    auto *R = cast<AtomicRMWInst>(I);
    FunctionCallee F = hook(M, std::string("__syncsan_atomic_") + rmwHookName(Op.RMWOp) + "_" + N,
                            IT, {P, IT, I32, P});
    Value *Res = B.CreateCall(F, {Op.Ptr, toInt(B, R->getValOperand(), IT), Order, Site});
    Value *V = fromInt(B, Res, ValTy);
    V->takeName(I);
    I->replaceAllUsesWith(V);
    break;
  }
  case AtomicKind::CmpXchg: {
    auto *X = cast<AtomicCmpXchgInst>(I);
    // The hook updates the expected value in memory, as
    // __atomic_compare_exchange_n does: one slot per function, at entry.
    Function *Fn = I->getFunction();
    IRBuilder<> EB(&*Fn->getEntryBlock().getFirstInsertionPt());
    AllocaInst *Slot = EB.CreateAlloca(IT, nullptr, "syncsan.expected");
    B.CreateStore(toInt(B, X->getCompareOperand(), IT), Slot);
    FunctionCallee F = hook(M, "__syncsan_atomic_compare_exchange_" + N, I32,
                            {P, P, IT, I32, I32, I32, P});
    Value *Ok = B.CreateCall(F, {Op.Ptr, Slot, toInt(B, X->getNewValOperand(), IT),
                                 ConstantInt::get(I32, X->isWeak()), Order,
                                 ConstantInt::get(I32, Op.FailureOrder), Site});
    Value *Old = fromInt(B, B.CreateLoad(IT, Slot), ValTy);
    Value *Pair = PoisonValue::get(X->getType());
    Pair = B.CreateInsertValue(Pair, Old, 0);
    Pair = B.CreateInsertValue(Pair, B.CreateICmpNE(Ok, ConstantInt::get(I32, 0)), 1);
    Pair->takeName(I);
    I->replaceAllUsesWith(Pair);
    break;
  }
  case AtomicKind::Fence:
    return false;
  }
  I->eraseFromParent();
  return true;
}

} // namespace syncsan
