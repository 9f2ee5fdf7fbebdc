//===- QueueOptions.h - where queue declarations come from -----*- C++ -*-===//
//
// The queues wing's own pass options (whether queues are instrumented at
// all is -syncsan-instrument-queues, with the other groups' switches, in
// locks/LockOptions.h: the composition root asks it).
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_QUEUEOPTIONS_H
#define SYNCSAN_PASS_QUEUEOPTIONS_H

#include "llvm/Support/CommandLine.h"

#include <string>

namespace syncsan {

/// -syncsan-queue-spec=FILE: the spec file; without it, SYNCSAN_QUEUE_SPEC.
extern llvm::cl::opt<std::string> QueueSpecFile;
/// -syncsan-queue-list: one note per declared queue function of a unit
/// (where it was declared, how many calls were wrapped), and one for a
/// spec file none of whose functions the unit declares.
extern llvm::cl::opt<bool> QueueList;

/// The environment variable read when -syncsan-queue-spec is not given.
inline constexpr const char *QueueSpecEnv = "SYNCSAN_QUEUE_SPEC";

} // namespace syncsan

#endif
