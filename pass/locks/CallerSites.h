//===- CallerSites.h - name the user's line for calls in wrappers -*- C++ -*-===//
//
// Without inlining (-O0), std::mutex::lock() reaches pthread_mutex_lock inside
// libstdc++'s headers, so the rewritten call's own site names a header line
// that is the same for every lock in the program; a lock wrapper of the
// module's own (locks/LockWrappers.h) names its own line the same way.
// Around each call of a wrapper from other code, the pass stores the
// caller's site in the thread-local __syncsan_caller_site, and the runtime
// names that site instead. With inlining the wrappers are gone and nothing
// is added.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_CALLERSITES_H
#define SYNCSAN_PASS_CALLERSITES_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Module.h"

namespace syncsan {

class SiteTable;
struct WrapperScopes;

/// Wrappers: system-header functions that contain a rewritten call (Seeds)
/// and, transitively, system-header functions calling them, and the
/// module's lock wrappers. Each call of a wrapper from a function that is
/// neither is bracketed by stores of its site; inside a lock wrapper, a
/// call of anything else runs with the slot emptied (and then restored),
/// so that the outer caller's site names only the wrapper's own operations.
/// A call of a lock dispatcher (locks/LockDispatch.h) is bracketed like a
/// wrapper's: the wrapper its table reaches then names the caller's line.
void annotateWrapperCalls(llvm::Module &M, SiteTable &Sites,
                          const llvm::SmallPtrSetImpl<llvm::Function *> &Seeds,
                          const WrapperScopes &LockWrappers,
                          const llvm::SmallPtrSetImpl<llvm::Function *> &Dispatchers);

} // namespace syncsan

#endif
