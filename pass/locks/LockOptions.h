//===- LockOptions.h - which lock and thread calls are rewritten -*- C++ -*-===//
//
// The locks wing's own switches. They live here rather than in core so that
// core stays ignorant of the wings: core/Options.cpp only applies
// SYNCSAN_PASS_OPTIONS to whatever syncsan-* options are registered.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKOPTIONS_H
#define SYNCSAN_PASS_LOCKOPTIONS_H

#include "InterceptedCalls.h"

#include "llvm/Support/CommandLine.h"

namespace syncsan {

extern llvm::cl::opt<bool> InstrumentLocks;
extern llvm::cl::opt<bool> InstrumentThreads;
extern llvm::cl::opt<bool> InstrumentBarriers;
extern llvm::cl::opt<bool> InstrumentQueues;
extern llvm::cl::opt<bool> InlineFastPath;

/// Whether the option that turns on a row's group is on.
bool groupEnabled(CallGroup G);

} // namespace syncsan

#endif
