//===- EarlyChecks.cpp - the checks that run before inlining --------------===//
//
// Registered at the pipeline's start (every -O level, -O0 included), where
// the module is still as clang emitted it: field accesses are GEPs over
// their struct types, and clang's switches over variable memory orders are
// intact. The object-level checks run here, and C++20 barrier and
// semaphore members are routed to the runtime while they are still calls;
// the order markers planted here are read by the late pass
// (StaticChecks.cpp) after optimisation, and so is the record of the
// module's lock wrappers.
//
//===----------------------------------------------------------------------===//
#include "StaticChecks.h"

#include "atomics/AtomicAccesses.h"
#include "atomics/AtomicObjectChecks.h"
#include "atomics/AtomicOrder.h"
#include "barriers/CxxSyncCalls.h"
#include "core/DebugTypes.h"
#include "core/Diagnostics.h"
#include "core/OptionErrors.h"
#include "core/Options.h"
#include "locks/LockOptions.h"
#include "locks/LockWrappers.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

namespace syncsan {

namespace {
struct SyncSanEarlyPass : PassInfoMixin<SyncSanEarlyPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    applyEnvironmentOptions();
    validateDiagnosticOptions();
    {
      DebugTypes Types(M);
      AccessModel Model = collectAccesses(M, Types);
      checkMixedAccess(Model, Types);
      checkFalseSharing(M, Model, Types);
      checkSeqCstCounters(Model, Types);
    }
    bool Changed = plantOrderMarkers(M);
    // C++20 barriers and semaphores are header members: recognised only
    // while their calls are still calls (barriers/CxxSyncCalls.h).
    if (groupEnabled(CallGroup::Barrier))
      Changed |= rewriteCxxSyncCalls(M);
    // Lock wrappers are recognised while each is still a function of its
    // own; the late pass reads the record (locks/LockWrappers.h).
    recordLockWrappers(M);
    Changed = true;
    reportOptionErrors(M);
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};
} // namespace

void registerEarlyChecks(PassBuilder &PB) {
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(SyncSanEarlyPass()); });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "syncsan-early")
          return false;
        MPM.addPass(SyncSanEarlyPass());
        return true;
      });
}

} // namespace syncsan
