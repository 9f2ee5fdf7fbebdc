//===- AtomicChecks.h - static checks and run-time checks of atomics -*- C++ -*-===//
//
// The late half of the atomic checks, run on the optimised module (after
// inlining and constant propagation): memory orders, alignment and cache
// line crossing, fences; then the atomics whose alignment is not proven are
// instrumented. The early half (before inlining) lives in AtomicEarly.h.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICCHECKS_H
#define SYNCSAN_PASS_ATOMICCHECKS_H

#include "AtomicOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/CommandLine.h"

namespace llvm {
class Module;
}

namespace syncsan {

class SiteTable;

extern llvm::cl::opt<bool> InstrumentAtomics;

/// The cache line size the checks assume (-syncsan-cache-line-size).
uint64_t cacheLineSize();

/// Runs every late atomic check on M and instruments what is not proven.
void runAtomicChecks(llvm::Module &M, SiteTable &Sites);

/// fence-without-atomic over the fences among Ops (AtomicFence.cpp).
void checkFences(llvm::Module &M, llvm::ArrayRef<AtomicOp> Ops);

} // namespace syncsan

#endif
