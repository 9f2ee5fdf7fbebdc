//===- IndirectUses.cpp - intercepted functions whose address is taken ----===//
#include "IndirectUses.h"

#include "InterceptedCalls.h"
#include "LockOptions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/InstrTypes.h"

using namespace llvm;

namespace syncsan {

// A direct call's own callee operand: LockCalls rewrites those calls (or
// leaves them alone, when their shape is not the library's).
static bool isCalleeUse(const Use &U) {
  auto *CB = dyn_cast<CallBase>(U.getUser());
  return CB && CB->isCallee(&U);
}

// The declaration is the C library's: its signature, or a K&R one
// (`int pthread_mutex_lock();`: variadic, no fixed parameter) with the
// row's result. A program's own function of that name is kept as it is.
static bool isLibraryDeclaration(const InterceptedCall &C, const Function &F) {
  FunctionType *FT = F.getFunctionType();
  if (matchesSignature(C, FT))
    return true;
  return FT->isVarArg() && FT->getNumParams() == 0 &&
         FT->getReturnType() == rowFunctionType(C, F.getContext())->getReturnType();
}

unsigned redirectAddressTakenUses(Module &M) {
  SmallVector<std::pair<Function *, const InterceptedCall *>, 4> Taken;
  for (Function &F : M) {
    if (!F.isDeclaration() || !F.hasName())
      continue;
    const InterceptedCall *What = findInterceptedCall(F.getName());
    if (!What || !groupEnabled(What->Group) || !isLibraryDeclaration(*What, F))
      continue;
    if (any_of(F.uses(), [](const Use &U) { return !isCalleeUse(U); }))
      Taken.push_back({&F, What});
  }

  for (auto [F, What] : Taken) {
    FunctionCallee Entry =
        M.getOrInsertFunction(std::string("__syncsan_indirect_") + What->Name,
                              rowFunctionType(*What, M.getContext()));
    // Uses inside constants (a table's initialiser, a ptrtoint in a C++
    // member pointer) are rebuilt by replaceUsesWithIf; the callees of
    // direct calls keep the library function.
    F->replaceUsesWithIf(Entry.getCallee(), [](Use &U) { return !isCalleeUse(U); });
  }
  return Taken.size();
}

} // namespace syncsan
