//===- LockLevelStatic.h - the lock-level-static check ---------*- C++ -*-===//
//
// Declared lock levels broken on a path the compiler sees in one function
// (LockLevelStatic.cpp says how it stays silent where a run could differ).
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKLEVELSTATIC_H
#define SYNCSAN_PASS_LOCKLEVELSTATIC_H

namespace llvm {
class Module;
} // namespace llvm

namespace syncsan {

void checkStaticLockLevels(llvm::Module &M);

} // namespace syncsan

#endif
