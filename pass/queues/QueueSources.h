//===- QueueSources.h - a module's queue declarations ----------*- C++ -*-===//
//
// Where the declarations of a unit come from: the SYNCSAN_QUEUE annotations
// clang emitted into llvm.global.annotations (for the annotated functions
// the unit declares and uses), and the spec file (-syncsan-queue-spec, else
// $SYNCSAN_QUEUE_SPEC), read whole for every unit, so that a mistake in it
// fails every compile that reads it, not only those that call the function.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_QUEUESOURCES_H
#define SYNCSAN_PASS_QUEUESOURCES_H

#include "queues/QueueSpec.h"

#include <string>
#include <vector>

namespace llvm {
class Module;
}

namespace syncsan {

struct QueueSources {
  std::vector<QueueDecl> Decls;    // the annotations, then the spec file's lines
  std::vector<std::string> Errors; // each a whole message, starting with its origin
  std::string SpecFile;            // the spec file read, or ""
  unsigned SpecDecls = 0;          // how many declarations it holds
};

/// True when M may declare a queue function: it has annotations, or a spec
/// file is given. Cheap: a unit without either costs nothing more.
bool mayDeclareQueues(const llvm::Module &M);

/// Reads every declaration of M and of the spec file.
QueueSources readQueueDecls(const llvm::Module &M);

} // namespace syncsan

#endif
