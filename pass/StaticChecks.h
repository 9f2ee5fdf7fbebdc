//===- StaticChecks.h - every static check of the pass ---------*- C++ -*-===//
//
// The one entry point SyncSanPass calls: runs the compile-time checks that
// need the optimised module (and the run-time instrumentation they decide),
// then closes the module's diagnostics (SARIF log, error mode).
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_STATICCHECKS_H
#define SYNCSAN_PASS_STATICCHECKS_H

namespace llvm {
class Module;
class PassBuilder;
} // namespace llvm

namespace syncsan {

class SiteTable;

void runStaticChecks(llvm::Module &M, SiteTable &Sites);

/// Registers the checks that must see the module before inlining (at the
/// pipeline's start), and "syncsan-early" for opt -passes=.
void registerEarlyChecks(llvm::PassBuilder &PB);

} // namespace syncsan

#endif
