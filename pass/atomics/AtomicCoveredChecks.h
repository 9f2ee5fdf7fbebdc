//===- AtomicCoveredChecks.h - address tests another test already made -*- C++ -*-===//
//
// An unproven atomic whose address has been tested on every path to it
// needs no test of its own: when the test of another access through the
// same pointer value (the same SSA value, so the same address, and at
// least as many bytes, so at least the same alignment) dominates it, the
// dominated access is left as compiled. Loops unrolled by the optimiser
// are where this pays: every copy of the body but the first loses its test.
// A misaligned pointer is then reported at the first site through it only;
// the hooks (-syncsan-atomic-inline-checks=0) test every site.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICCOVEREDCHECKS_H
#define SYNCSAN_PASS_ATOMICCOVEREDCHECKS_H

#include "AtomicOps.h"

#include <vector>

namespace syncsan {

/// Removes from Unproven, in place, the accesses whose address test is
/// covered by the test of another member. Unproven holds accesses that
/// will be tested, grouped by function (in the order they were found).
void dropCoveredChecks(std::vector<const AtomicOp *> &Unproven);

} // namespace syncsan

#endif
