//===- LockOptions.h - which lock and thread calls are rewritten -*- C++ -*-===//
//
// The locks wing's own switches. They live here rather than in core so that
// core stays ignorant of the wings: core/Options.cpp only applies
// SYNCSAN_PASS_OPTIONS to whatever syncsan-* options are registered.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKOPTIONS_H
#define SYNCSAN_PASS_LOCKOPTIONS_H

#include "llvm/Support/CommandLine.h"

namespace syncsan {

extern llvm::cl::opt<bool> InstrumentLocks;
extern llvm::cl::opt<bool> InstrumentThreads;

} // namespace syncsan

#endif
