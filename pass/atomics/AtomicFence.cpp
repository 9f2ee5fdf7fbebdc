//===- AtomicFence.cpp - the fence-without-atomic check -------------------===//
//
// A fence synchronises only through atomic operations: a release fence
// needs an atomic store after it, an acquire fence an atomic load before it.
// A fence in a function that performs plain shared-memory accesses but no
// atomic access, and calls nothing that could perform one, orders nothing
// another thread can observe: the plain accesses around it still race.
// Functions made of the fence alone are barrier helpers (their callers'
// accesses are what they order), and volatile accesses stand for the
// pre-C11 idiom: both are left alone. Runs after inlining, where helpers
// have been folded into the functions whose accesses they order.
//
//===----------------------------------------------------------------------===//
#include "AtomicChecks.h"

#include "core/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace syncsan {

static CheckRegistration Reg({"fence-without-atomic", Severity::Warning,
                              "A fence in a function with no atomic access it could order.",
                              "A fence orders memory only together with atomic loads and "
                              "stores. Make the flag or pointer that publishes the data atomic "
                              "(a relaxed atomic store after a release fence, a relaxed atomic "
                              "load before an acquire fence), or drop the fence."});

// Library functions that never synchronise with another thread: calling
// them does not give a fence anything to order.
static bool quietLibraryCall(StringRef N) {
  static const StringSet<> Quiet = {
      "printf", "fprintf", "sprintf", "snprintf", "vprintf", "vfprintf", "puts", "fputs",
      "putchar", "fputc", "fwrite", "malloc", "calloc", "realloc", "free", "memcpy",
      "memmove", "memset", "memcmp", "strlen", "strcmp", "strncmp", "strcpy", "strncpy",
      "abort", "__assert_fail", "__syncsan_atomic_check"};
  return Quiet.contains(N);
}

namespace {
class FenceChecker {
public:
  // Whether F (transitively, through the module's own functions) may
  // perform an atomic access or synchronise in some other way.
  bool maySynchronise(const Function &F, unsigned Depth = 0) {
    auto It = Memo.find(&F);
    if (It != Memo.end())
      return It->second;
    if (F.isDeclaration() || Depth > 8)
      return Memo[&F] = !quietLibraryCall(F.getName()) && !F.isIntrinsic();
    Memo[&F] = true; // recursion: assume the worst while we look
    bool R = false;
    for (const Instruction &I : instructions(F))
      if (instructionSynchronises(I, Depth)) {
        R = true;
        break;
      }
    return Memo[&F] = R;
  }

  bool instructionSynchronises(const Instruction &I, unsigned Depth) {
    if (I.isAtomic() && !isa<FenceInst>(I))
      return true;
    if (auto *L = dyn_cast<LoadInst>(&I); L && L->isVolatile())
      return true;
    if (auto *S = dyn_cast<StoreInst>(&I); S && S->isVolatile())
      return true;
    auto *CB = dyn_cast<CallBase>(&I);
    if (!CB)
      return false;
    if (CB->isInlineAsm())
      return true;
    if (isa<IntrinsicInst>(CB))
      return false;
    const Function *Callee = CB->getCalledFunction();
    if (!Callee)
      return true;
    return maySynchronise(*Callee, Depth + 1);
  }

  void check(Function &F, ArrayRef<const AtomicOp *> Fences) {
    bool PlainShared = false;
    for (Instruction &I : instructions(F)) {
      if (instructionSynchronises(I, 0))
        return;
      const Value *Ptr = nullptr;
      if (auto *L = dyn_cast<LoadInst>(&I))
        Ptr = L->getPointerOperand();
      else if (auto *S = dyn_cast<StoreInst>(&I))
        Ptr = S->getPointerOperand();
      if (Ptr && !isa<AllocaInst>(getUnderlyingObject(Ptr)))
        PlainShared = true;
    }
    if (!PlainShared)
      return;
    for (const AtomicOp *Op : Fences) {
      DiagLoc L = diagLocation(*Op->I);
      Diagnostics::get().report(
          "fence-without-atomic", L,
          orderName(Op->Order).substr(13) + " fence in '" + L.Function +
              "' orders no atomic operation: the function performs no atomic access and "
              "calls nothing that could, so the plain loads and stores around the fence "
              "still race; make the accesses that publish data atomic");
    }
  }

private:
  DenseMap<const Function *, bool> Memo;
};
} // namespace

void checkFences(Module &M, ArrayRef<AtomicOp> Ops) {
  MapVector<Function *, SmallVector<const AtomicOp *, 2>> ByFunction;
  for (const AtomicOp &Op : Ops)
    if (Op.Kind == AtomicKind::Fence && !Op.SingleThread)
      ByFunction[Op.I->getFunction()].push_back(&Op);
  if (ByFunction.empty())
    return;
  FenceChecker C;
  for (auto &[F, Fences] : ByFunction)
    C.check(*F, Fences);
}

} // namespace syncsan
