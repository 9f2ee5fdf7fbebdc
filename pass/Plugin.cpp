//===- Plugin.cpp - registers the syncsan pass with the pass builder ------===//
//
// Loaded with clang -fpass-plugin=, the pass runs at the optimizer's last
// extension point, which every -O level (-O0 included) invokes; the early
// checks and the queue wrapping run at its start. Loaded with
// opt -load-pass-plugin=, it is also available as -passes=syncsan.
//
//===----------------------------------------------------------------------===//
#include "StaticChecks.h"
#include "SyncSanPass.h"
#include "core/Options.h"
#include "locks/InterceptedCalls.h"
#include "locks/LockOptions.h"
#include "queues/QueuePass.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

/// What the queues wing needs of the others.
static syncsan::QueueHooks queueHooks() {
  syncsan::QueueHooks H;
  H.Enabled = [] { return syncsan::groupEnabled(syncsan::CallGroup::Queue); };
  H.Instrumented = syncsan::alreadyInstrumented;
  H.Intercepted = [](StringRef Name) -> const char * {
    const syncsan::InterceptedCall *C = syncsan::findInterceptedCall(Name);
    if (!C)
      return nullptr;
    switch (C->Group) {
    case syncsan::CallGroup::Lock:
      return "a lock operation";
    case syncsan::CallGroup::Thread:
      return "a thread operation";
    case syncsan::CallGroup::Barrier:
      return "a barrier or semaphore operation";
    case syncsan::CallGroup::Queue:
      return "a built-in queue operation (docs/queues-builtin.md)";
    }
    return "an operation";
  };
  return H;
}

static void registerCallbacks(PassBuilder &PB) {
  syncsan::applyEnvironmentOptions();
  syncsan::registerEarlyChecks(PB);
  // After the early checks, which read the unit as the user wrote it.
  syncsan::registerQueuePass(PB, queueHooks());
  PB.registerOptimizerLastEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
    MPM.addPass(syncsan::SyncSanPass());
  });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "syncsan")
          return false;
        MPM.addPass(syncsan::SyncSanPass());
        return true;
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "syncsan", LLVM_VERSION_STRING, registerCallbacks};
}
