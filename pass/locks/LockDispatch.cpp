//===- LockDispatch.cpp - lock layers that pick the operation at run time -===//
#include "LockDispatch.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"

using namespace llvm;

namespace syncsan {

// Dispatchers are one-liners behind a macro; anything larger is doing work
// of its own and its frame is worth showing.
static const unsigned MaxInstructions = 64;
// Bounds the walk through loads and address arithmetic back to a parameter.
static const unsigned MaxDepth = 8;

static bool hasLoop(const Function &F) {
  // Depth-first search; an edge back to a block still on the stack closes
  // a cycle. Iterative, so a large function cannot exhaust the stack.
  SmallPtrSet<const BasicBlock *, 32> Done, OnStack;
  SmallVector<std::pair<const BasicBlock *, unsigned>, 32> Stack;
  Stack.push_back({&F.getEntryBlock(), 0});
  OnStack.insert(&F.getEntryBlock());
  while (!Stack.empty()) {
    auto &[BB, Next] = Stack.back();
    const Instruction *T = BB->getTerminator();
    unsigned N = T ? T->getNumSuccessors() : 0;
    if (Next < N) {
      const BasicBlock *S = T->getSuccessor(Next++);
      if (OnStack.count(S))
        return true;
      if (!Done.count(S)) {
        Stack.push_back({S, 0});
        OnStack.insert(S);
      }
      continue;
    }
    OnStack.erase(BB);
    Done.insert(BB);
    Stack.pop_back();
  }
  return false;
}

// A function pointer read from a global: the global itself, a field of it,
// or a fixed slot of an array in it.
static bool isTableLoad(const Value *Callee) {
  auto *L = dyn_cast<LoadInst>(Callee->stripPointerCasts());
  if (!L)
    return false;
  const Value *P = L->getPointerOperand();
  for (unsigned D = 0; D < MaxDepth; ++D) {
    auto *G = dyn_cast<GEPOperator>(P);
    if (!G)
      break;
    if (!G->hasAllConstantIndices())
      return false;
    P = G->getPointerOperand();
  }
  return isa<GlobalVariable>(P->stripPointerCasts());
}

static bool fromParameter(const Value *V, unsigned Depth);

// At -O0 a parameter lives in an alloca: it holds a parameter when every
// store into it stores one.
static bool allocaHoldsParameter(const AllocaInst *A, unsigned Depth) {
  bool Stored = false;
  for (const User *U : A->users()) {
    auto *S = dyn_cast<StoreInst>(U);
    if (!S)
      continue;
    if (S->getPointerOperand() != A || !fromParameter(S->getValueOperand(), Depth + 1))
      return false;
    Stored = true;
  }
  return Stored;
}

// The parameter itself, a conversion or an address computed from it, or a
// value loaded through it (buf->lock).
static bool fromParameter(const Value *V, unsigned Depth) {
  if (Depth > MaxDepth)
    return false;
  V = V->stripPointerCasts();
  if (isa<Argument>(V))
    return true;
  if (auto *G = dyn_cast<GEPOperator>(V))
    return fromParameter(G->getPointerOperand(), Depth + 1);
  if (auto *C = dyn_cast<CastInst>(V))
    return C->getNumOperands() > 0 && fromParameter(C->getOperand(0), Depth + 1);
  if (auto *L = dyn_cast<LoadInst>(V)) {
    const Value *P = L->getPointerOperand()->stripPointerCasts();
    if (auto *A = dyn_cast<AllocaInst>(P))
      return allocaHoldsParameter(A, Depth);
    return fromParameter(P, Depth + 1);
  }
  return false;
}

// The call's result leaves the function: returned directly, through a phi,
// or (at -O0) through the return-value alloca.
static bool resultReturned(const CallBase &CB) {
  for (const User *U : CB.users()) {
    if (isa<ReturnInst>(U))
      return true;
    if (auto *Phi = dyn_cast<PHINode>(U))
      for (const User *PU : Phi->users())
        if (isa<ReturnInst>(PU))
          return true;
    if (auto *S = dyn_cast<StoreInst>(U))
      if (S->getValueOperand() == &CB && isa<AllocaInst>(S->getPointerOperand()->stripPointerCasts()))
        return true;
  }
  return false;
}

static bool isDispatchCall(const CallBase &CB) {
  if (CB.getCalledFunction() || CB.isInlineAsm() || !isTableLoad(CB.getCalledOperand()))
    return false;
  for (unsigned I = 0, E = CB.arg_size(); I < E; ++I)
    if (fromParameter(CB.getArgOperand(I), 0))
      return true;
  return resultReturned(CB);
}

// Calls a dispatcher may make besides dispatching: intrinsics (debug
// records, lifetimes, expectations) and functions that never return
// (a failed assertion).
static bool isHarmlessCall(const CallBase &CB) {
  if (isa<IntrinsicInst>(CB))
    return true;
  const Function *Callee = CB.getCalledFunction();
  return Callee && Callee->doesNotReturn();
}

bool isLockDispatcher(const Function &F) {
  if (F.isDeclaration() || F.getName().starts_with("syncsan.") ||
      F.getName().starts_with("__syncsan_"))
    return false;
  unsigned Count = 0;
  bool Dispatches = false;
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB) {
      if (isa<DbgInfoIntrinsic>(I))
        continue;
      if (++Count > MaxInstructions)
        return false;
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (isDispatchCall(*CB))
          Dispatches = true;
        else if (!isHarmlessCall(*CB))
          return false;
        continue;
      }
      if (auto *S = dyn_cast<StoreInst>(&I)) {
        if (!isa<AllocaInst>(S->getPointerOperand()->stripPointerCasts()))
          return false;
        continue;
      }
      if (I.mayWriteToMemory() || I.isAtomic())
        return false;
    }
  return Dispatches && !hasLoop(F);
}

void findLockDispatchers(Module &M, SmallVectorImpl<Function *> &Out) {
  for (Function &F : M)
    if (isLockDispatcher(F))
      Out.push_back(&F);
}

} // namespace syncsan
