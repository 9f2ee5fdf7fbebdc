//===- StaticChecks.cpp - every static check of the pass ------------------===//
#include "StaticChecks.h"

#include "atomics/AtomicChecks.h"
#include "core/Diagnostics.h"
#include "locks/CondvarInit.h"
#include "locks/LockLevelStatic.h"

#include "llvm/IR/Module.h"

namespace syncsan {

void runStaticChecks(llvm::Module &M, SiteTable &Sites) {
  runAtomicChecks(M, Sites);
  checkUninitialisedCondvars(M);
  checkStaticLockLevels(M);
  Diagnostics::get().finishModule(M);
}

} // namespace syncsan
