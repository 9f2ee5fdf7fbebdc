//===- QueueCheck.h - queue declarations against the module ----*- C++ -*-===//
//
// A declaration that cannot be right is a compile error naming where it was
// made: a handle or capacity parameter the function does not have or of the
// wrong type, an ok= the result cannot say, a timed form of another shape,
// two declarations of one function that differ, a function syncsan already
// intercepts. A spec line for a function the unit does not declare is not
// checked against it: a unit calls a few of a library's functions.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_QUEUECHECK_H
#define SYNCSAN_PASS_QUEUECHECK_H

#include "queues/QueueSpec.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace llvm {
class Function;
class FunctionType;
class Module;
} // namespace llvm

namespace syncsan {

/// A declared function of the module, checked.
struct QueueOp {
  llvm::Function *F;
  QueueDecl Decl;
  /// The timed form when timed= names one: the module's function, or
  /// (when the unit does not declare it) null and TimedType, the type it
  /// is declared with if a call of it is emitted.
  llvm::Function *Timed = nullptr;
  llvm::FunctionType *TimedType = nullptr;
  bool TimedDeclaredHere = false; // -syncsan-queue-list: the unit declares it
};

struct QueueOps {
  std::vector<QueueOp> Ops;
  llvm::DenseMap<const llvm::Function *, unsigned> Index; // F -> Ops
  /// The functions inside which calls are not wrapped: the declared ones
  /// and their timed forms (their own calls of each other are one
  /// operation, the caller's).
  llvm::DenseMap<const llvm::Function *, bool> Inside;
};

/// What syncsan already does with a function of this name ("a built-in
/// queue operation", "a lock operation", ...), or null.
using InterceptedFn = llvm::function_ref<const char *(llvm::StringRef)>;

/// Checks Decls (all of them: annotations, then spec lines) against M.
/// Problems go to Errors, each a whole message starting with its origin;
/// Out gets the declarations of M's functions.
void checkQueueDecls(llvm::Module &M, const std::vector<QueueDecl> &Decls,
                     InterceptedFn Intercepted, std::vector<std::string> &Errors, QueueOps &Out);

} // namespace syncsan

#endif
