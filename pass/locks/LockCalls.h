//===- LockCalls.h - rewrite lock and thread calls into hooks --*- C++ -*-===//
//
// Every call to an intercepted library function (locks/InterceptedCalls.h)
// whose group is switched on becomes a call of its __syncsan_ hook with the
// same arguments plus a site record. Calls of an unexpected shape are
// skipped, never asserted on.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKCALLS_H
#define SYNCSAN_PASS_LOCKCALLS_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Module.h"

namespace syncsan {

class LockLevels;
class SiteTable;

/// Rewrites the module's lock and thread calls. Returns the system-header
/// functions that contained one: the wrappers whose callers need their own
/// site (locks/CallerSites.h).
llvm::SmallPtrSet<llvm::Function *, 16> rewriteLockCalls(llvm::Module &M, SiteTable &Sites,
                                                         const LockLevels &Levels);

} // namespace syncsan

#endif
