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
// have been folded into the functions whose accesses they order. A call
// may synchronise unless its callee is visible and does not, is declared
// `nosync` or to access no memory, or is a library function of known
// semantics (TargetLibraryInfo) that includes no synchronisation.
//
//===----------------------------------------------------------------------===//
#include "AtomicChecks.h"

#include "core/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

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

// The library functions TargetLibraryInfo knows (by name and prototype)
// that may still synchronise, run code of the program's, or hand data to
// another thread or process: atomics, locks, guards, callbacks, processes,
// raw I/O. Every other one it knows (string, math, stdio, conversions,
// allocation) has fixed semantics that include no synchronisation. C++
// names are left out wholesale: operator new and delete may be the
// program's own.
static bool maySynchroniseLibFunc(StringRef N) {
  static const StringSet<> Sync = {
      "__atomic_load", "__atomic_store", "__cxa_guard_acquire", "__cxa_guard_release",
      "__cxa_guard_abort", "flockfile", "ftrylockfile", "funlockfile", "qsort", "atexit",
      "__cxa_atexit", "fork", "execl", "execle", "execlp", "execv", "execvP", "execve",
      "execvp", "execvpe", "system", "popen", "pclose", "read", "write", "pread", "pwrite",
      "setitimer", "__kmpc_alloc_shared", "__kmpc_free_shared"};
  return Sync.contains(N) || N.starts_with("_Z") || N.starts_with("?");
}

// A declaration whose call cannot perform an atomic access or synchronise:
// `nosync` or no memory access at all (what the IR promises), or a library
// function of known semantics.
static bool quietDeclaration(const Function &F, const TargetLibraryInfo &TLI) {
  if (F.hasFnAttribute(Attribute::NoSync) || F.doesNotAccessMemory())
    return true;
  if (quietLibraryCall(F.getName()))
    return true;
  LibFunc LF;
  return TLI.getLibFunc(F, LF) && TLI.has(LF) && !maySynchroniseLibFunc(F.getName());
}

namespace {
class FenceChecker {
public:
  explicit FenceChecker(const Module &M)
      : TLII(Triple(M.getTargetTriple())), TLI(TLII) {}

  // Whether F (transitively, through the module's own functions) may
  // perform an atomic access or synchronise in some other way.
  bool maySynchronise(const Function &F, unsigned Depth = 0) {
    auto It = Memo.find(&F);
    if (It != Memo.end())
      return It->second;
    if (F.isDeclaration() || Depth > 8)
      return Memo[&F] = !F.isIntrinsic() && !quietDeclaration(F, TLI);
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
      // A helper's fence inlined into several functions is one diagnostic
      // per function, at the call that brought it in: the accesses it
      // fails to order, and so the fix, are that function's.
      std::string Where = "'" + L.Function + "'";
      std::vector<DiagNote> Notes;
      std::vector<DiagLoc> Calls = inlinedCallSites(*Op->I);
      if (!Calls.empty() && Calls.back().Function != L.Function) {
        Where = "'" + Calls.back().Function + "' (inlined from '" + L.Function + "')";
        Notes.push_back({L, "the fence, in '" + L.Function + "'"});
        L = Calls.back();
      }
      Diagnostics::get().report(
          "fence-without-atomic", L,
          orderName(Op->Order).substr(13) + " fence in " + Where +
              " orders no atomic operation: the function performs no atomic access and "
              "calls nothing that could, so the plain loads and stores around the fence "
              "still race; make the accesses that publish data atomic",
          Notes);
    }
  }

private:
  TargetLibraryInfoImpl TLII;
  TargetLibraryInfo TLI;
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
  FenceChecker C(M);
  for (auto &[F, Fences] : ByFunction)
    C.check(*F, Fences);
}

} // namespace syncsan
