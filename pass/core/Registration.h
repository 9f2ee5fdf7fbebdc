//===- Registration.h - hand a module's tables to the runtime --*- C++ -*-===//
#ifndef SYNCSAN_PASS_REGISTRATION_H
#define SYNCSAN_PASS_REGISTRATION_H

#include "llvm/IR/Module.h"

namespace syncsan {

/// Adds an internal constructor CtorName that calls
/// `void Hook(const T *table, uint64_t n)` with Table and N: the way a
/// wing tells the runtime what the module holds before main runs.
void appendRegistrationCtor(llvm::Module &M, llvm::StringRef CtorName, llvm::StringRef Hook,
                            llvm::Constant *Table, uint64_t N);

/// A private constant NUL-terminated string S, named Name.
llvm::Constant *privateString(llvm::Module &M, llvm::StringRef S, llvm::StringRef Name);

} // namespace syncsan

#endif
