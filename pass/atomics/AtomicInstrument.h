//===- AtomicInstrument.h - run-time checks of unproven atomics -*- C++ -*-===//
//
// An atomic whose alignment the pass could not prove is replaced by the
// __syncsan_atomic_* hook that checks the real address and performs the
// same operation with the same ordering (include/syncsan/abi_atomic.h).
// When the runtime could not perform it identically (16-byte atomics,
// frontend-marked under-aligned atomics that become libatomic calls, float
// read-modify-writes, library calls, single-thread scope), the operation
// stays and a check-only hook runs just before it. By default none of this
// is a call: the address is tested in line, the operation kept, and only a
// failed test calls the runtime (the hooks are -syncsan-atomic-inline-checks=0).
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICINSTRUMENT_H
#define SYNCSAN_PASS_ATOMICINSTRUMENT_H

#include "AtomicOps.h"

namespace syncsan {

class SiteTable;

/// Instruments Op; returns false when it is of a shape left alone.
bool instrumentAtomic(const AtomicOp &Op, SiteTable &Sites);

/// Whether the address tests are emitted in line (the default) rather than
/// as hooks (-syncsan-atomic-inline-checks=0).
bool inlineAtomicChecks();

} // namespace syncsan

#endif
