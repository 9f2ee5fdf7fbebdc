//===- LockDispatch.h - lock layers that pick the operation at run time -*- C++ -*-===//
//
// Library lock layers often choose the lock implementation at run time:
// libevent's evbuffer_lock() calls evthread_lock_fns_.lock(mode, buf->lock),
// sqlite3_mutex_enter() calls sqlite3GlobalConfig.mutex.xMutexEnter(p), and
// sqlite3MutexAlloc() returns sqlite3GlobalConfig.mutex.xMutexAlloc(id). No
// lock operation is in such a function, so the pass cannot flag a site in
// it, yet its frame stands between the user's line and the lock. The pass
// finds these dispatchers and registers their names with the lock wrappers,
// so that reports and lock classes skip their frames as they skip the
// wrappers'.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKDISPATCH_H
#define SYNCSAN_PASS_LOCKDISPATCH_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Module.h"

namespace syncsan {

/// A dispatcher: a small function without loops whose only effect is one or
/// more calls through function pointers loaded from a global (a table of
/// lock functions), each passing on one of its parameters (or something
/// loaded through one, like buf->lock) or returning the call's result;
/// besides them it may only branch, read, spill its own locals, and call
/// intrinsics or functions that do not return (assertions).
void findLockDispatchers(llvm::Module &M, llvm::SmallVectorImpl<llvm::Function *> &Out);

/// Whether F is such a dispatcher (exposed for the wrapper recogniser).
bool isLockDispatcher(const llvm::Function &F);

} // namespace syncsan

#endif
