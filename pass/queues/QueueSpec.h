//===- QueueSpec.h - the grammar of queue declarations ---------*- C++ -*-===//
//
// A queue function is declared by an annotation on its declaration,
// SYNCSAN_QUEUE("ROLE key=value ...") (<syncsan/syncsan.h>), or by a line
// of a spec file, "ROLE FUNCTION key=value ...". Both are read here, by one
// parser, into a QueueDecl; what needs the module (the function's
// parameters and result) is checked by QueueCheck.h.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_QUEUESPEC_H
#define SYNCSAN_PASS_QUEUESPEC_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace syncsan {

/// One function's declared role, as <syncsan/abi_queue.h>'s descriptor
/// carries it (HAS_TIMED is decided when the timed form is found).
struct QueueDecl {
  std::string Function; // its symbol name
  uint32_t Role = 0;    // enum syncsan_queue_role
  uint32_t Ok = 0;      // enum syncsan_queue_ok; SYNCSAN_QUEUE_OK_ALWAYS unless OkGiven
  bool OkGiven = false;
  uint32_t Flags = 0;  // SYNCSAN_QUEUE_BLOCKING, SYNCSAN_QUEUE_STRICT_CLOSE
  int32_t Handle = 0;  // parameter index, or SYNCSAN_QUEUE_HANDLE_RESULT
  int32_t CapacityArg; // SYNCSAN_QUEUE_NO_ARG unless capacity=argN
  uint32_t Capacity = 0;
  std::string Timed;   // timed=NAME, or ""
  std::string Origin;  // "file:line" of the annotated declaration or spec line
  bool FromSpec = false;
  std::string Written; // an annotation's text as written, for messages

  QueueDecl();
  /// The declaration in the grammar, keys in a fixed order, defaults left
  /// out: two declarations say the same iff their texts are equal.
  std::string text() const;
};

/// The spelling of a role ("push"), or "?".
const char *roleName(uint32_t Role);
/// The spelling of an ok kind ("zero"), or "?".
const char *okName(uint32_t Ok);

/// True for a name a spec line may give as FUNCTION (or timed=): a symbol
/// as the linker sees it, [A-Za-z_.$][A-Za-z0-9_.$]*.
bool isSymbolName(llvm::StringRef S);

/// Parses an annotation's text (after "syncsan.queue "), "ROLE key=value
/// ...", into D (D.Function and D.Origin are the caller's). Returns the
/// problem, or nullopt.
std::optional<std::string> parseAnnotation(llvm::StringRef Text, QueueDecl &D);

/// A problem found in a spec file: its line, and what is wrong.
struct SpecError {
  unsigned Line;
  std::string Message;
};

/// Parses a spec file's contents (Name is its path as given, for origins):
/// one declaration per line, '#' to the end of the line a comment, blank
/// lines ignored. Every line is read; the problems go to Errors.
std::vector<QueueDecl> parseSpecFile(llvm::StringRef Name, llvm::StringRef Contents,
                                     std::vector<SpecError> &Errors);

} // namespace syncsan

#endif
