//===- LockWrappers.h - the module's own lock wrappers ---------*- C++ -*-===//
//
// Real code takes its locks through helpers: libevent's
// evthread_posix_lock(mode, lock), a lock_both(x, y), a project's LOCK(m),
// an allocator that mallocs and initialises every mutex. A site inside
// such a helper names the helper's line for every lock of the program.
// The pass recognises these lock wrappers (the rule is in docs/design.md,
// "Lock wrappers"), so that their sites carry SYNCSAN_SITE_WRAPPER, their
// inlined frames are looked past, their direct callers pass their own site
// (locks/CallerSites.h) and the runtime learns their names.
//
// Recognition runs before inlining (from the early pass), where every
// wrapper is still a function of its own; the names travel to the late
// pass in the named metadata !syncsan.lock_wrappers. Run without the early
// pass (opt -passes=syncsan), the late pass recognises them itself.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKWRAPPERS_H
#define SYNCSAN_PASS_LOCKWRAPPERS_H

#include "core/Sites.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Module.h"

#include <string>
#include <vector>

namespace syncsan {

struct LockWrappers {
  /// IR names of every recognised wrapper and the functions still defined.
  WrapperScopes Scopes;
  /// Functions that dispatch to a lock operation through a global table
  /// of function pointers (locks/LockDispatch.h): no site is in them, but
  /// their direct callers pass their own site and their names are
  /// registered, as for wrappers.
  llvm::SmallPtrSet<llvm::Function *, 8> Dispatchers;
  /// The wrappers' and dispatchers' names as site records spell their
  /// function (demangled), for __syncsan_register_wrappers.
  std::vector<std::string> SiteNames;
};

/// The module's lock wrappers by the rule (LockWrappers.cpp), callees
/// before their callers.
llvm::SmallVector<llvm::Function *, 8> recogniseLockWrappers(llvm::Module &M);

/// Early: recognises the module's lock wrappers and records them in
/// !syncsan.lock_wrappers (an empty record when there are none).
void recordLockWrappers(llvm::Module &M);

/// Late: the record of the early pass, which is then dropped, or, when it
/// did not run, the wrappers recognised now.
LockWrappers takeLockWrappers(llvm::Module &M);

/// Late: adds the module's lock dispatchers that are not wrappers already.
void addLockDispatchers(llvm::Module &M, LockWrappers &W);

/// Drops the early pass's record unread (a module already instrumented).
void dropLockWrapperRecord(llvm::Module &M);

/// Emits a constructor that hands the wrappers' names to
/// __syncsan_register_wrappers; nothing when there are none.
void registerLockWrappers(llvm::Module &M, const LockWrappers &W);

} // namespace syncsan

#endif
