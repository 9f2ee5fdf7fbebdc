//===- AtomicOrder.cpp - the atomic-invalid-order check -------------------===//
#include "AtomicOrder.h"

#include "core/Diagnostics.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/CFG.h"

using namespace llvm;

namespace syncsan {

static CheckRegistration Reg({"atomic-invalid-order", Severity::Warning,
                              "An atomic operation uses a memory order that is invalid for it.",
                              "Loads take relaxed, consume, acquire or seq_cst; stores take "
                              "relaxed, release or seq_cst; a compare-exchange's failure order "
                              "is relaxed, consume, acquire or seq_cst and (in C) no stronger "
                              "than its success order. Pass a valid order: clang compiles an "
                              "invalid order it cannot see as a literal into a relaxed "
                              "operation."});

static const char *const Id = "atomic-invalid-order";

bool validOrder(OrderUse U, int O) {
  switch (U) {
  case OrderUse::Load:
  case OrderUse::CmpXchgFailure:
    return O == 0 || O == 1 || O == 2 || O == 5;
  case OrderUse::Store:
    return O == 0 || O == 3 || O == 5;
  case OrderUse::RMW:
  case OrderUse::CmpXchgSuccess:
    return O >= 0 && O <= 5;
  }
  return true;
}

static const char *validList(OrderUse U) {
  switch (U) {
  case OrderUse::Load:
    return "relaxed, consume, acquire or seq_cst";
  case OrderUse::Store:
    return "relaxed, release or seq_cst";
  case OrderUse::CmpXchgFailure:
    return "relaxed, consume, acquire or seq_cst: a failed compare-exchange only loads";
  case OrderUse::RMW:
  case OrderUse::CmpXchgSuccess:
    return "one of memory_order_relaxed ... memory_order_seq_cst";
  }
  return "";
}

static const char *useNoun(OrderUse U) {
  switch (U) {
  case OrderUse::Load:
    return "an atomic load";
  case OrderUse::Store:
    return "an atomic store";
  case OrderUse::RMW:
    return "an atomic read-modify-write";
  case OrderUse::CmpXchgSuccess:
    return "a compare-exchange";
  case OrderUse::CmpXchgFailure:
    return "the failure of a compare-exchange";
  }
  return "an atomic operation";
}

// Call sites an inlined operation came through: where a constant order
// usually enters.
static std::vector<DiagNote> inlineNotes(const Instruction &I, const DiagLoc &Primary) {
  std::vector<DiagNote> Notes;
  for (const DiagLoc &L : inlinedCallSites(I)) {
    if (L.FullPath == Primary.FullPath && L.Line == Primary.Line && L.Column == Primary.Column)
      continue;
    Notes.push_back({L, "the order is passed in through this call, inlined here"});
    if (Notes.size() == 3)
      break;
  }
  return Notes;
}

static void checkMarker(CallInst &CI, OrderUse U) {
  auto *C = dyn_cast<ConstantInt>(CI.getArgOperand(0));
  if (!C)
    return;
  int O = static_cast<int>(C->getSExtValue());
  if (validOrder(U, O))
    return;
  DiagLoc L = diagLocation(CI);
  std::string Msg = orderName(O) + " is not a valid order for " + useNoun(U) + " (use " +
                    validList(U) +
                    "); the order is a variable that only becomes constant after "
                    "inlining or constant propagation, where clang no longer checks "
                    "it, and the operation is compiled as relaxed";
  Diagnostics::get().report(Id, L, Msg, inlineNotes(CI, L));
}

static bool isCModule(const Module &M) {
  for (const DICompileUnit *CU : M.debug_compile_units())
    return dwarf::isC(static_cast<dwarf::SourceLanguage>(CU->getSourceLanguage()));
  for (const Function &F : M)
    if (F.getName().starts_with("_Z"))
      return false;
  return true;
}

// C11 7.17.7.4: the failure order shall be no stronger than the success
// order. (C++17 dropped the rule, so C++ is left alone.)
static bool failureStronger(int Success, int Failure) {
  bool SuccessAcquires = Success == 1 || Success == 2 || Success == 4 || Success == 5;
  if (Failure == 5)
    return Success != 5;
  if (Failure == 1 || Failure == 2)
    return !SuccessAcquires;
  return false;
}

// clang expands a compare-exchange with variable orders into every
// success/failure combination behind switches over the orders; only the
// ones the program can select are worth a word, so a combination still
// sitting behind such a switch is not judged.
static bool behindOrderSwitch(const Instruction &I) {
  for (const BasicBlock *P : predecessors(I.getParent()))
    if (isa<SwitchInst>(P->getTerminator()))
      return true;
  return false;
}

static void checkOp(const AtomicOp &Op, bool IsC, SiteTable &Sites, bool RunTime) {
  if (Op.Kind == AtomicKind::Fence)
    return;
  if (Op.Libcall) {
    OrderUse U = Op.Kind == AtomicKind::Load    ? OrderUse::Load
                 : Op.Kind == AtomicKind::Store ? OrderUse::Store
                 : Op.Kind == AtomicKind::RMW   ? OrderUse::RMW
                                                : OrderUse::CmpXchgSuccess;
    auto Report = [&](OrderUse Use, int O) {
      DiagLoc L = diagLocation(*Op.I);
      std::string Msg = orderName(O) + " is not a valid order for " + useNoun(Use) + " (" +
                        describe(Op) + "; use " + validList(Use) + ")";
      Diagnostics::get().report(Id, L, Msg, inlineNotes(*Op.I, L));
    };
    if (Op.OrderArg && Op.Order >= 0 && !validOrder(U, Op.Order)) {
      Report(U, Op.Order);
      return;
    }
    if (Op.FailureArg && Op.FailureOrder >= 0 &&
        !validOrder(OrderUse::CmpXchgFailure, Op.FailureOrder)) {
      Report(OrderUse::CmpXchgFailure, Op.FailureOrder);
      return;
    }
  }
  if (Op.Kind == AtomicKind::CmpXchg && IsC && Op.Order >= 0 && Op.FailureOrder >= 0 &&
      failureStronger(Op.Order, Op.FailureOrder) && !Op.Libcall && behindOrderSwitch(*Op.I)) {
    // Only the orders the program passes select this combination: every
    // execution of it breaks the rule, so it is checked where it runs.
    if (RunTime)
      emitPairCheck(*cast<AtomicCmpXchgInst>(Op.I), Op.Order, Op.FailureOrder, Sites);
    return;
  }
  if (Op.Kind == AtomicKind::CmpXchg && IsC && Op.Order >= 0 && Op.FailureOrder >= 0 &&
      failureStronger(Op.Order, Op.FailureOrder)) {
    DiagLoc L = diagLocation(*Op.I);
    Diagnostics::get().report(
        Id, L,
        "compare-exchange failure order " + orderName(Op.FailureOrder) +
            " is stronger than its success order " + orderName(Op.Order) +
            "; C11 (7.17.7.4) requires the failure order to be no stronger than the "
            "success order",
        inlineNotes(*Op.I, L));
  }
}

// Undoes the early pass's edit where the marker's block survived as it was
// planted (switch default -> marker block -> relaxed block), so code whose
// order stayed variable ends up exactly as clang emitted it.
static void removeMarker(CallInst *CI) {
  BasicBlock *BB = CI->getParent();
  CI->eraseFromParent();
  auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
  auto *Pred = BB->getSinglePredecessor();
  auto *SI = Pred ? dyn_cast<SwitchInst>(Pred->getTerminator()) : nullptr;
  if (!Br || Br->isConditional() || &BB->front() != Br || !SI || SI->getDefaultDest() != BB)
    return;
  BasicBlock *Relaxed = Br->getSuccessor(0);
  auto Zero = SI->findCaseValue(ConstantInt::get(cast<IntegerType>(SI->getCondition()->getType()), 0));
  if (Zero == SI->case_default() || Zero->getCaseSuccessor() != Relaxed ||
      isa<PHINode>(Relaxed->front()))
    return;
  SI->removeCase(Zero);
  SI->setDefaultDest(Relaxed);
  BB->eraseFromParent();
}

void checkOrders(Module &M, ArrayRef<AtomicOp> Ops, ArrayRef<CallInst *> Markers,
                 SiteTable &Sites, bool RunTime) {
  for (CallInst *CI : Markers) {
    auto U = markerUse(*CI);
    if (U && RunTime && !isa<Constant>(CI->getArgOperand(0))) {
      emitOrderCheck(*CI, *U, Sites);
      continue;
    }
    if (U)
      checkMarker(*CI, *U);
    removeMarker(CI);
  }
  bool IsC = isCModule(M);
  for (const AtomicOp &Op : Ops)
    checkOp(Op, IsC, Sites, RunTime);
}

} // namespace syncsan
