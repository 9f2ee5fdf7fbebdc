//===- CxxSyncCalls.h - C++20 barrier and semaphore members ----*- C++ -*-===//
#ifndef SYNCSAN_PASS_CXXSYNCCALLS_H
#define SYNCSAN_PASS_CXXSYNCCALLS_H

#include "llvm/IR/Module.h"

namespace syncsan {

/// Rewrites direct calls of libstdc++'s std::barrier, std::latch and
/// std::counting_semaphore members into calls of the runtime's entries
/// (<syncsan/cxx_hooks.h>). Runs before inlining: afterwards the members
/// are atomics and futex calls that name no object. True if it changed M.
bool rewriteCxxSyncCalls(llvm::Module &M);

} // namespace syncsan

#endif
