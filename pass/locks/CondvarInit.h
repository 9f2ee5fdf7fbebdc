//===- CondvarInit.h - the condvar-uninitialized check ---------*- C++ -*-===//
//
// A local condition variable that is waited on, signalled or broadcast but
// never initialised (compile time; docs/checks.md, condvar-uninitialized).
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_CONDVARINIT_H
#define SYNCSAN_PASS_CONDVARINIT_H

namespace llvm {
class Module;
} // namespace llvm

namespace syncsan {

void checkUninitialisedCondvars(llvm::Module &M);

} // namespace syncsan

#endif
