//===- LockFastPath.h - the runtime's lock fast path, in line --*- C++ -*-===//
//
// An uncontended first lock and an innermost release need no check, only
// the bookkeeping the runtime's hooks do on their fast paths; emitted in the
// caller, that bookkeeping costs a fraction of a call into a hook. The
// layout the emitted code touches, and what it does, is the contract in
// <syncsan/abi_fast.h>; everything else still calls the hook.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKFASTPATH_H
#define SYNCSAN_PASS_LOCKFASTPATH_H

#include "llvm/IR/Module.h"

namespace syncsan {

class SiteTable;

/// Expands the module's hook calls of blocking acquires and releases into
/// the in-line path with the hook call as its slow branch. Only for code
/// of an executable (the runtime's symbols are then link-time constants),
/// for sites the runtime would not re-resolve (system-header wrappers,
/// lock wrappers and their callers keep the hook), and for plain calls.
/// Returns how many calls it expanded.
unsigned emitLockFastPaths(llvm::Module &M, const SiteTable &Sites);

} // namespace syncsan

#endif
