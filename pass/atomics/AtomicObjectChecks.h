//===- AtomicObjectChecks.h - checks over objects, not instructions -*- C++ -*-===//
//
// atomic-mixed-access, atomic-false-sharing and the atomic-seq-cst-counter
// remark, over the AccessModel collected before inlining.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICOBJECTCHECKS_H
#define SYNCSAN_PASS_ATOMICOBJECTCHECKS_H

#include "AtomicAccesses.h"

namespace llvm {
class Module;
}

namespace syncsan {

class DebugTypes;

void checkMixedAccess(const AccessModel &Model, const DebugTypes &Types);
void checkFalseSharing(llvm::Module &M, const AccessModel &Model, const DebugTypes &Types);
void checkSeqCstCounters(const AccessModel &Model, const DebugTypes &Types);

} // namespace syncsan

#endif
