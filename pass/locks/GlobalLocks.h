//===- GlobalLocks.h - register the module's lock-typed globals -*- C++ -*-===//
#ifndef SYNCSAN_PASS_GLOBALLOCKS_H
#define SYNCSAN_PASS_GLOBALLOCKS_H

#include "llvm/IR/Module.h"

namespace syncsan {

class LockLevels;

/// Emits a table of the module's lock-typed globals (struct syncsan_global)
/// and a constructor that hands it to __syncsan_register_globals.
void registerLockGlobals(llvm::Module &M, const LockLevels &Levels);

} // namespace syncsan

#endif
