//===- QueueWrap.h - wrap the calls of declared queue functions -*- C++ -*-===//
//
// Every direct call of a declared queue function becomes the code shown at
// the top of <syncsan/abi_queue.h>: __syncsan_queue_begin, the call itself
// unchanged (or, when the runtime asks and a timed form is declared, the
// timed form in a loop), then __syncsan_queue_end with the result as an
// integer (__syncsan_queue_unwind on an invoke's unwind edge). Runs before
// inlining, so that a queue function defined in the unit is still called.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_QUEUEWRAP_H
#define SYNCSAN_PASS_QUEUEWRAP_H

#include "queues/QueueCheck.h"

#include <vector>

namespace llvm {
class Module;
}

namespace syncsan {

/// Wraps the calls of Ops' functions in M. Returns, for each of Ops.Ops,
/// how many calls were wrapped.
std::vector<unsigned> wrapQueueCalls(llvm::Module &M, QueueOps &Ops);

} // namespace syncsan

#endif
