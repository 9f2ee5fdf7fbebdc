//===- QueuePass.h - the queues wing's pass --------------------*- C++ -*-===//
//
// Runs at the pipeline's start (every -O level, -O0 included), before the
// inliner: reads the unit's queue declarations, fails the compile on a
// wrong one, and wraps the calls of the declared functions.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_QUEUEPASS_H
#define SYNCSAN_PASS_QUEUEPASS_H

#include "llvm/ADT/StringRef.h"

namespace llvm {
class Module;
class PassBuilder;
} // namespace llvm

namespace syncsan {

/// What the wing asks of the rest of the pass (the composition root
/// supplies it: the wings do not know each other).
struct QueueHooks {
  /// -syncsan-instrument-queues.
  bool (*Enabled)();
  /// The module was instrumented by syncsan already (its IR compiled again).
  bool (*Instrumented)(const llvm::Module &M);
  /// What syncsan already intercepts a function of this name as ("a lock
  /// operation", ...), or null.
  const char *(*Intercepted)(llvm::StringRef Name);
};

/// Registers the pass at the pipeline's start, and "syncsan-queues" for
/// opt -passes=.
void registerQueuePass(llvm::PassBuilder &PB, QueueHooks Hooks);

} // namespace syncsan

#endif
