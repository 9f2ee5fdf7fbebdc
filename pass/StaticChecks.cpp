//===- StaticChecks.cpp - every static check of the pass ------------------===//
#include "StaticChecks.h"

#include "atomics/AtomicChecks.h"
#include "core/Diagnostics.h"
#include "locks/CondvarInit.h"

#include "llvm/IR/Module.h"

namespace syncsan {

void runStaticChecks(llvm::Module &M, SiteTable &Sites) {
  runAtomicChecks(M, Sites);
  checkUninitialisedCondvars(M);
  Diagnostics::get().finishModule(M);
}

} // namespace syncsan
