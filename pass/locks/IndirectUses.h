//===- IndirectUses.h - intercepted functions whose address is taken -*- C++ -*-===//
//
// A call through a function pointer has no callee the pass can rewrite:
// a lock taken through a lock-ops table { pthread_mutex_lock,
// pthread_mutex_unlock } and released directly was half seen (a false
// unlock-not-held, a false lock-held-at-exit). So the address itself is
// replaced: every use of an intercepted function that is not the callee of
// a call (a global's initialiser, a store, an argument, a constant
// expression, a comparison) becomes the runtime's entry for that row,
// __syncsan_indirect_<name> (<syncsan/hooks.h>), which has the function's
// own signature and calls the row's hook. Direct calls are left to
// LockCalls, which gives them their own sites.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_INDIRECTUSES_H
#define SYNCSAN_PASS_INDIRECTUSES_H

#include "llvm/IR/Module.h"

namespace syncsan {

/// Replaces the non-call uses of the module's intercepted library
/// functions by their runtime entries. Returns the number of functions
/// whose uses were replaced.
unsigned redirectAddressTakenUses(llvm::Module &M);

} // namespace syncsan

#endif
