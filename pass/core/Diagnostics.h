//===- Diagnostics.h - compiler-style diagnostics of static checks -*- C++ -*-===//
//
// Every static check of the pass reports through this one engine, keyed by
// its check ID, so that all of them share the same behaviour:
//   - gcc/clang shape: "file:line:col: warning: <message> [syncsan-<id>]",
//     then the source line and a caret, then notes in the same shape;
//   - per-ID enable/disable, warnings promoted to errors (the compile then
//     fails), remarks off unless asked for;
//   - at most one diagnostic per check and source location (code inlined
//     into several callers is diagnosed once);
//   - a SARIF 2.1.0 log of everything reported, written when the module is
//     finished.
// A check registers itself once (ID, default severity, help text) with a
// static CheckRegistration in the file that implements it.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_DIAGNOSTICS_H
#define SYNCSAN_PASS_DIAGNOSTICS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <vector>

namespace llvm {
class Instruction;
class Module;
class Function;
} // namespace llvm

namespace syncsan {

enum class Severity { Remark, Warning, Error };

struct CheckInfo {
  const char *Id;      // kebab-case, as in docs/checks.md
  Severity Default;    // Remark checks are off unless enabled
  const char *Summary; // one line, for SARIF shortDescription
  const char *Help;    // how to fix it, for SARIF help
};

/// Registers a check at static-initialisation time.
struct CheckRegistration {
  explicit CheckRegistration(const CheckInfo &Info);
};

/// All registered checks, sorted by ID.
std::vector<CheckInfo> registeredChecks();
const CheckInfo *findCheck(llvm::StringRef Id);

/// A source position as a diagnostic shows it.
struct DiagLoc {
  std::string File;     // as the compiler was given it (possibly relative)
  std::string FullPath; // for reading the source line and for SARIF
  std::string Function; // demangled
  unsigned Line = 0;    // 0: no debug info
  unsigned Column = 0;
  // In a system header, or (without debug info) in the standard library's
  // own functions: nothing the user can change, so never diagnosed.
  bool System = false;
};

/// "std::...", "__gnu_cxx::...": the C++ standard library's own code.
bool isStandardLibraryFunction(llvm::StringRef Demangled);

/// Checks the check IDs given to -syncsan-enable/-disable/-werror and the
/// SARIF path, once; problems become option errors (OptionErrors.h).
void validateDiagnosticOptions();

/// Where I is, from the innermost inlined frame outside system headers, or
/// its function and the module's file when there is no debug info.
DiagLoc diagLocation(const llvm::Instruction &I);
/// The chain of call sites I was inlined through, innermost first, as
/// locations (empty without debug info or inlining).
std::vector<DiagLoc> inlinedCallSites(const llvm::Instruction &I);
/// The text of L's source line (read once per file), or null when the file
/// cannot be read or L has no line.
const std::string *sourceLine(const DiagLoc &L);

struct DiagNote {
  DiagLoc Loc;
  std::string Message;
};

class Diagnostics {
public:
  static Diagnostics &get();

  /// Whether a check is on (options -syncsan-enable/-disable/-remarks).
  bool enabled(llvm::StringRef Id) const;

  /// Prints a diagnostic of check Id at Loc, unless the check is off, Loc is
  /// in a system header (as compilers do), or a diagnostic of the same
  /// check was already emitted at Loc. Returns true when it was emitted.
  bool report(llvm::StringRef Id, const DiagLoc &Loc, const std::string &Message,
              llvm::ArrayRef<DiagNote> Notes = {});

  /// Ends a module: writes the SARIF log when asked for, and when any
  /// diagnostic was an error, makes the compilation fail through the
  /// module's LLVMContext. Resets the per-module state.
  void finishModule(llvm::Module &M);

  unsigned errorCount() const { return Errors; }

  struct Result {
    std::string Id;
    Severity Sev;
    DiagLoc Loc;
    std::string Message;
    std::vector<DiagNote> Notes;
  };

private:
  Diagnostics() = default;
  Severity severityOf(llvm::StringRef Id) const;

  std::vector<Result> Results;
  std::set<std::string> Seen;
  unsigned Errors = 0;
  bool HintedDebugInfo = false;
};

} // namespace syncsan

#endif
