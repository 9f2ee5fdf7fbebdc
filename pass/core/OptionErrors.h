//===- OptionErrors.h - bad pass options fail the compile ------*- C++ -*-===//
//
// A typo in a pass option must not silently turn a check (or a CI gate such
// as -fsyncsan-werror) off. Options are parsed before any module exists, so
// their problems are collected here and reported as errors of the first
// compile that runs the pass: clang prints "error: syncsan: ..." and fails
// it, as it does for its own bad flags.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_OPTIONERRORS_H
#define SYNCSAN_PASS_OPTIONERRORS_H

#include "llvm/ADT/Twine.h"

namespace llvm {
class Module;
}

namespace syncsan {

/// Records a problem with the pass's options.
void addOptionError(const llvm::Twine &Msg);

/// Reports every recorded option problem not yet reported to M as an error
/// of M's compile. True when there is any.
bool reportOptionErrors(llvm::Module &M);

/// Emits Msg as an error of M's compile; the compile then fails.
void emitCompileError(llvm::Module &M, const llvm::Twine &Msg);

} // namespace syncsan

#endif
