//===- Plugin.cpp - registers the syncsan pass with the pass builder ------===//
//
// Loaded with clang -fpass-plugin=, the pass runs at the optimizer's last
// extension point, which every -O level (-O0 included) invokes. Loaded with
// opt -load-pass-plugin=, it is also available as -passes=syncsan.
//
//===----------------------------------------------------------------------===//
#include "StaticChecks.h"
#include "SyncSanPass.h"
#include "core/Options.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

static void registerCallbacks(PassBuilder &PB) {
  syncsan::applyEnvironmentOptions();
  syncsan::registerEarlyChecks(PB);
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
