//===- SyncSanPass.cpp - the syncsan module pass --------------------------===//
//
// The composition root: each wing does its part of the module in turn (lock
// and thread calls with the lock wrappers the early pass found, the
// addresses of the functions they call, their callers' sites, lock globals
// and wrappers, the static checks),
// then the constructor that initialises the runtime is added.
//
//===----------------------------------------------------------------------===//
#include "SyncSanPass.h"

#include "StaticChecks.h"
#include "core/Diagnostics.h"
#include "core/OptionErrors.h"
#include "core/Options.h"
#include "core/Sites.h"
#include "locks/CallerSites.h"
#include "locks/GlobalLocks.h"
#include "locks/IndirectUses.h"
#include "locks/LockFastPath.h"
#include "locks/LockCalls.h"
#include "locks/LockLevels.h"
#include "locks/LockWrappers.h"
#include "locks/LockOptions.h"

#include "syncsan/abi.h"

#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace syncsan {

static const char *const CtorName = "syncsan.module_ctor";
static const char *const InitName = "__syncsan_init";

static void addConstructor(Module &M) {
  Type *I32 = Type::getInt32Ty(M.getContext());
  getOrCreateSanitizerCtorAndInitFunctions(
      M, CtorName, InitName, {I32}, {ConstantInt::get(I32, SYNCSAN_ABI_VERSION)},
      [&](Function *Ctor, FunctionCallee) {
        // Every instrumented module calls the (idempotent) init: the
        // runtime is normally up from .preinit_array already, this covers
        // programs where it is not.
        appendToGlobalCtors(M, Ctor, 0);
      });
}

bool alreadyInstrumented(const Module &M) { return M.getFunction(CtorName) != nullptr; }

PreservedAnalyses SyncSanPass::run(Module &M, ModuleAnalysisManager &) {
  applyEnvironmentOptions();
  validateDiagnosticOptions();
  // IR that syncsan already instrumented (syncsan-cc -S -emit-llvm output
  // compiled again): a second pass would register its lock globals twice
  // and wrap hooks in hooks.
  if (alreadyInstrumented(M)) {
    dropLockWrapperRecord(M);
    reportOptionErrors(M);
    return PreservedAnalyses::all();
  }

  SiteTable Sites(M);
  LockWrappers Wrappers = takeLockWrappers(M);
  Sites.setWrappers(Wrappers.Scopes);
  addLockDispatchers(M, Wrappers);
  LockLevels Levels(M);
  SmallPtrSet<Function *, 16> CallingWrappers = rewriteLockCalls(M, Sites, Levels);
  redirectAddressTakenUses(M);
  annotateWrapperCalls(M, Sites, CallingWrappers, Wrappers.Scopes, Wrappers.Dispatchers);
  if (InstrumentLocks)
    registerLockGlobals(M, Levels);
  registerLockWrappers(M, Wrappers);
  runStaticChecks(M, Sites);
  // Last: the static checks must not see the emitted path's own atomics.
  emitLockFastPaths(M, Sites);

  addConstructor(M);
  reportOptionErrors(M);
  return PreservedAnalyses::none();
}

} // namespace syncsan
