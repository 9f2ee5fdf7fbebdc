//===- LockCalls.cpp - rewrite lock and thread calls into hooks -----------===//
//
// Collect, then rewrite: the first walk gathers every call to rewrite, the
// second rewrites them, so no iterator is invalidated under us.
//
//===----------------------------------------------------------------------===//
#include "LockCalls.h"

#include "InterceptedCalls.h"
#include "LockLevels.h"
#include "LockOptions.h"
#include "core/CallRewrite.h"
#include "core/Sites.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace syncsan {

namespace {

struct CallToRewrite {
  CallBase *Call;
  const InterceptedCall *What;
};

} // namespace

static void collect(Function &F, SmallVectorImpl<CallToRewrite> &Out) {
  for (Instruction &I : instructions(F)) {
    auto *CB = dyn_cast<CallBase>(&I);
    if (!CB || isa<CallBrInst>(CB))
      continue;
    auto *Callee = dyn_cast<Function>(CB->getCalledOperand()->stripPointerCasts());
    // Only calls to the library's functions: a program that defines its own
    // function of the same name keeps it.
    if (!Callee || !Callee->isDeclaration() || !Callee->hasName())
      continue;
    const InterceptedCall *What = findInterceptedCall(Callee->getName());
    if (!What || !groupEnabled(What->Group))
      continue;
    if (!matchesCall(*What, *CB))
      continue;
    Out.push_back({CB, What});
  }
}

static void rewrite(Module &M, SiteTable &Sites, const LockLevels &Levels,
                    const CallToRewrite &R) {
  CallBase *CB = R.Call;
  // The row's own signature, not the call's: a K&R call's type is variadic,
  // the hook's never is (for any other call the two are the same).
  FunctionType *FTy = rowFunctionType(*R.What, M.getContext());
  SmallVector<Type *, 6> Params(FTy->params());
  Params.push_back(PointerType::getUnqual(M.getContext()));
  FunctionCallee Hook = M.getOrInsertFunction(
      std::string("__syncsan_") + R.What->Name,
      FunctionType::get(FTy->getReturnType(), Params, /*isVarArg=*/false));

  SmallVector<Value *, 6> Args(CB->args());
  // The table's static_asserts keep the handle within the row's parameters
  // and the signature check fixed the arity; should they ever disagree, the
  // site loses the object's name and level rather than reading past the
  // call's arguments.
  // A join's handle is a thread's pthread_t, a number: it names no object.
  unsigned Handle = R.What->Handle;
  const Value *Object = Handle < CB->arg_size() ? CB->getArgOperand(Handle) : nullptr;
  if (Object && !Object->getType()->isPointerTy())
    Object = nullptr;
  uint32_t Flags = R.What->Group == CallGroup::Lock ? Levels.flagsFor(Object) : 0;
  Args.push_back(Sites.get(*CB, R.What->Op, Object, Flags));

  CallingConv::ID CC = CB->getCallingConv();
  replaceCall(CB, Hook, Args)->setCallingConv(CC);
}

SmallPtrSet<Function *, 16> rewriteLockCalls(Module &M, SiteTable &Sites,
                                             const LockLevels &Levels) {
  SmallVector<CallToRewrite, 32> Calls;
  for (Function &F : M) {
    if (F.isDeclaration() || F.getName().starts_with("syncsan."))
      continue;
    collect(F, Calls);
  }

  SmallPtrSet<Function *, 16> CallingWrappers;
  for (const CallToRewrite &R : Calls)
    if (isSystemFunction(*R.Call->getFunction()))
      CallingWrappers.insert(R.Call->getFunction());

  for (const CallToRewrite &R : Calls)
    rewrite(M, Sites, Levels, R);
  return CallingWrappers;
}

} // namespace syncsan
