//===- AtomicOrderMarkers.cpp - mark clang's fallback for invalid orders --===//
//
// For a non-constant order, clang emits
//     switch i32 %order, label %relaxed [ 1: acquire, 2: acquire, 5: seq_cst ]
// (load; store: 3 and 5; read-modify-write and compare-exchange success:
// 1..5; compare-exchange failure: 1, 2 and 5). The default case is reached
// by relaxed (0) and by every invalid value. We route 0 to it directly and
// send the default through a new block holding the marker, so the marker
// runs exactly for the invalid values, and survives optimisation exactly
// when one of them can reach it.
//
//===----------------------------------------------------------------------===//
#include "AtomicOrder.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

#include <set>

using namespace llvm;

namespace syncsan {

static const char MarkerPrefix[] = "# syncsan.order_check ";

static const char *useName(OrderUse U) {
  switch (U) {
  case OrderUse::Load:
    return "load";
  case OrderUse::Store:
    return "store";
  case OrderUse::RMW:
    return "rmw";
  case OrderUse::CmpXchgSuccess:
    return "cmpxchg";
  case OrderUse::CmpXchgFailure:
    return "cmpxchg-failure";
  }
  return "load";
}

std::optional<OrderUse> markerUse(const CallInst &CI) {
  // Exactly the shape plantOrderMarkers builds: a program's own asm that
  // merely starts with the same text is the program's, never removed.
  auto *IA = dyn_cast<InlineAsm>(CI.getCalledOperand());
  if (!IA || CI.arg_size() != 1 || !IA->hasSideEffects() || IA->getConstraintString() != "r" ||
      !CI.getArgOperand(0)->getType()->isIntegerTy(32))
    return std::nullopt;
  StringRef S = IA->getAsmString();
  if (!S.consume_front(MarkerPrefix))
    return std::nullopt;
  for (OrderUse U : {OrderUse::Load, OrderUse::Store, OrderUse::RMW, OrderUse::CmpXchgSuccess,
                     OrderUse::CmpXchgFailure})
    if (S == useName(U))
      return U;
  return std::nullopt;
}

// The first atomic of BB, or of the default destination of BB's own
// switch (compare-exchange nests the failure switch in the success one).
static Instruction *firstAtomic(BasicBlock *BB, bool Nested) {
  for (Instruction &I : *BB) {
    if (auto *L = dyn_cast<LoadInst>(&I); L && L->isAtomic())
      return &I;
    if (auto *S = dyn_cast<StoreInst>(&I); S && S->isAtomic())
      return &I;
    if (isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I))
      return &I;
  }
  if (Nested)
    if (auto *SI = dyn_cast<SwitchInst>(BB->getTerminator()))
      return firstAtomic(SI->getDefaultDest(), false);
  return nullptr;
}

static AtomicOrdering orderingOf(Instruction *I, bool Failure) {
  if (auto *L = dyn_cast<LoadInst>(I))
    return L->getOrdering();
  if (auto *S = dyn_cast<StoreInst>(I))
    return S->getOrdering();
  if (auto *R = dyn_cast<AtomicRMWInst>(I))
    return R->getOrdering();
  auto *X = cast<AtomicCmpXchgInst>(I);
  return Failure ? X->getFailureOrdering() : X->getSuccessOrdering();
}

// Recognises clang's order switch by its case values and by the orderings
// of the operations in its default (relaxed) and seq_cst destinations, so a
// user's own switch over small integers is never touched.
static std::optional<OrderUse> classify(SwitchInst *SI) {
  if (!SI->getCondition()->getType()->isIntegerTy(32))
    return std::nullopt;
  std::set<uint64_t> Cases;
  BasicBlock *SeqCst = nullptr;
  for (auto &C : SI->cases()) {
    uint64_t V = C.getCaseValue()->getZExtValue();
    if (V < 1 || V > 5)
      return std::nullopt;
    Cases.insert(V);
    if (V == 5)
      SeqCst = C.getCaseSuccessor();
  }
  if (!SeqCst)
    return std::nullopt;
  BasicBlock *Def = SI->getDefaultDest();
  if (Def == SeqCst || isa<PHINode>(Def->front()))
    return std::nullopt;

  const std::set<uint64_t> LoadCases{1, 2, 5}, StoreCases{3, 5}, AllCases{1, 2, 3, 4, 5};
  auto Is = [](Instruction *I, AtomicOrdering O, bool Failure) {
    return I && orderingOf(I, Failure) == O;
  };
  Instruction *Relaxed = firstAtomic(Def, true);
  Instruction *Strong = firstAtomic(SeqCst, true);
  if (!Relaxed || !Strong || Relaxed->getOpcode() != Strong->getOpcode())
    return std::nullopt;
  auto Mono = AtomicOrdering::Monotonic, SC = AtomicOrdering::SequentiallyConsistent;

  if (isa<LoadInst>(Relaxed) && Cases == LoadCases && Is(Relaxed, Mono, false) &&
      Is(Strong, SC, false))
    return OrderUse::Load;
  if (isa<StoreInst>(Relaxed) && Cases == StoreCases && Is(Relaxed, Mono, false) &&
      Is(Strong, SC, false))
    return OrderUse::Store;
  if (isa<AtomicRMWInst>(Relaxed) && Cases == AllCases && Is(Relaxed, Mono, false) &&
      Is(Strong, SC, false))
    return OrderUse::RMW;
  if (isa<AtomicCmpXchgInst>(Relaxed)) {
    // The failure switch holds its compare-exchanges directly.
    if (Cases == LoadCases && Relaxed->getParent() == Def && Strong->getParent() == SeqCst &&
        Is(Relaxed, Mono, true) && Is(Strong, SC, true))
      return OrderUse::CmpXchgFailure;
    if (Cases == AllCases && Is(Relaxed, Mono, false) && Is(Strong, SC, false))
      return OrderUse::CmpXchgSuccess;
  }
  return std::nullopt;
}

unsigned plantOrderMarkers(Module &M) {
  LLVMContext &C = M.getContext();
  Type *I32 = Type::getInt32Ty(C);
  FunctionType *FT = FunctionType::get(Type::getVoidTy(C), {I32}, false);
  unsigned Planted = 0;
  for (Function &F : M) {
    if (F.isDeclaration() || F.getName().starts_with("syncsan."))
      continue;
    SmallVector<std::pair<SwitchInst *, OrderUse>, 8> Found;
    for (BasicBlock &BB : F)
      if (auto *SI = dyn_cast<SwitchInst>(BB.getTerminator()))
        if (auto U = classify(SI))
          Found.push_back({SI, *U});
    for (auto [SI, U] : Found) {
      BasicBlock *Def = SI->getDefaultDest();
      Instruction *Relaxed = firstAtomic(Def, true);
      BasicBlock *Bad = BasicBlock::Create(C, "syncsan.badorder", &F, Def);
      IRBuilder<> B(Bad);
      // An empty asm with side effects: nothing in the optimiser deletes
      // it or folds it away, and if it ever reached code generation it
      // would emit only an assembler comment.
      InlineAsm *IA = InlineAsm::get(FT, std::string(MarkerPrefix) + useName(U), "r",
                                     /*hasSideEffects=*/true);
      CallInst *Marker = B.CreateCall(FT, IA, {SI->getCondition()});
      Marker->setDoesNotThrow();
      Marker->setDebugLoc(Relaxed->getDebugLoc());
      B.CreateBr(Def);
      SI->setDefaultDest(Bad);
      SI->addCase(ConstantInt::get(cast<IntegerType>(I32), 0), Def);
      ++Planted;
    }
  }
  return Planted;
}

} // namespace syncsan
