//===- SyncSanPass.h - the syncsan module pass -----------------*- C++ -*-===//
#ifndef SYNCSAN_PASS_SYNCSANPASS_H
#define SYNCSAN_PASS_SYNCSANPASS_H

#include "llvm/IR/PassManager.h"

namespace syncsan {

/// Rewrites synchronisation calls into __syncsan_* hooks with static site
/// records and adds the module constructor that initialises the runtime.
/// Required, so it also runs on optnone (-O0) functions.
/// True for a module syncsan instrumented already (its IR compiled again).
bool alreadyInstrumented(const llvm::Module &M);

struct SyncSanPass : llvm::PassInfoMixin<SyncSanPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
  static bool isRequired() { return true; }
};

} // namespace syncsan

#endif
