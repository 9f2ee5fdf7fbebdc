//===- CondvarInit.cpp - the condvar-uninitialized check ------------------===//
//
// Sound by its shape, never by a guess about bytes: a stack object (an
// alloca) whose every use is as the condvar argument of a wait, signal or
// broadcast call (or a lifetime marker) has never been initialised. Nothing
// else can have written it: no initialiser (that is a store or memset), no
// init call, and its address goes nowhere else, so no other code holds it.
// Any other use, however harmless, and the object is left alone. A condvar
// in static or heap memory, or one whose address escapes, is not checked:
// zero bytes (static storage, calloc) are a valid initialiser, and code
// out of sight may initialise it. Runs after the lock calls became hook
// calls, so both names are recognised.
//
//===----------------------------------------------------------------------===//
#include "CondvarInit.h"

#include "core/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace syncsan {

static CheckRegistration Reg({"condvar-uninitialized", Severity::Warning,
                              "A local condition variable is used but never initialised.",
                              "Initialise the condition variable before its first use: "
                              "pthread_cond_init (cnd_init), or PTHREAD_COND_INITIALIZER in "
                              "its declaration."});

// The calls that need an initialised condvar as their first argument.
static bool condvarUse(StringRef Name) {
  static const StringSet<> Uses = {
      "pthread_cond_wait",   "pthread_cond_timedwait", "pthread_cond_clockwait",
      "pthread_cond_signal", "pthread_cond_broadcast", "cnd_wait",
      "cnd_timedwait",       "cnd_signal",             "cnd_broadcast"};
  Name.consume_front("__syncsan_");
  return Uses.contains(Name);
}

static StringRef calleeName(const CallBase &CB) {
  const Function *F = CB.getCalledFunction();
  return F ? F->getName() : StringRef();
}

// Whether every use of A is as the condvar of a wait, signal or broadcast
// (lifetime markers aside), with at least one such use.
static bool onlyCondvarUses(const AllocaInst &A) {
  bool Any = false;
  for (const Use &U : A.uses()) {
    const auto *CB = dyn_cast<CallBase>(U.getUser());
    if (!CB)
      return false;
    if (CB->isLifetimeStartOrEnd())
      continue;
    if (!CB->isArgOperand(&U) || CB->getArgOperandNo(&U) != 0 || !condvarUse(calleeName(*CB)))
      return false;
    Any = true;
  }
  return Any;
}

// The source variable A is: its declare, or after optimisation (which
// turns declares of escaping objects into values) any variable record of
// it. Empty without debug info.
static std::string variableName(AllocaInst &A) {
  SmallVector<DbgVariableIntrinsic *, 2> Insts;
  SmallVector<DbgVariableRecord *, 2> Records;
  findDbgUsers(Insts, &A, &Records);
  for (DbgVariableRecord *R : Records)
    if (R->getVariable())
      return R->getVariable()->getName().str();
  for (DbgVariableIntrinsic *D : Insts)
    if (D->getVariable())
      return D->getVariable()->getName().str();
  return std::string();
}

void checkUninitialisedCondvars(Module &M) {
  if (!Diagnostics::get().enabled("condvar-uninitialized"))
    return;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    SmallVector<AllocaInst *, 4> Unset;
    for (Instruction &I : instructions(F))
      if (auto *A = dyn_cast<AllocaInst>(&I); A && onlyCondvarUses(*A))
        Unset.push_back(A);
    if (Unset.empty())
      continue;
    // Each one at its first use in the function's order.
    SmallPtrSet<const AllocaInst *, 4> Done;
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || CB->isLifetimeStartOrEnd() || CB->arg_size() == 0)
        continue;
      auto *A = dyn_cast<AllocaInst>(CB->getArgOperand(0));
      if (!A || !is_contained(Unset, A) || !Done.insert(A).second)
        continue;
      std::string Var = variableName(*A);
      StringRef Op = calleeName(*CB);
      Op.consume_front("__syncsan_");
      Diagnostics::get().report("condvar-uninitialized", diagLocation(*CB),
                                (Var.empty() ? std::string("a local condition variable")
                                             : "condition variable '" + Var + "'") +
                                    " is used by " + Op.str() +
                                    " but never initialised: it has no initialiser, no init "
                                    "call, and its address goes nowhere else");
    }
  }
}

} // namespace syncsan
