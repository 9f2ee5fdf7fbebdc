//===- Diagnostics.cpp - compiler-style diagnostics of static checks ------===//
#include "Diagnostics.h"

#include "CheckPatterns.h"
#include "OptionErrors.h"
#include "Sarif.h"
#include "Sites.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

using namespace llvm;

namespace syncsan {

// ---- options ----

static cl::list<std::string>
    EnableChecks("syncsan-enable", cl::CommaSeparated,
                 cl::desc("Static checks to turn on (IDs; '*' wildcards), e.g. remarks "
                          "such as atomic-seq-cst-counter"));
static cl::list<std::string>
    DisableChecks("syncsan-disable", cl::CommaSeparated,
                  cl::desc("Static checks to turn off (IDs; '*' wildcards; 'all'). "
                           "Wins over -syncsan-enable"));
static cl::opt<std::string>
    Werror("syncsan-werror", cl::ValueOptional,
           cl::desc("Treat syncsan warnings as errors, failing the compile; with "
                    "=ID,ID only those checks"));
static cl::opt<bool> Remarks("syncsan-remarks", cl::init(false),
                             cl::desc("Turn on the performance remarks of the static checks"));
static cl::opt<std::string>
    SarifPath("syncsan-sarif",
              cl::desc("Write the static diagnostics as SARIF 2.1.0 to this file (or, "
                       "for a directory, to one file per source in it)"));
static cl::opt<bool> ShowSource("syncsan-diag-source", cl::init(true),
                                cl::desc("Show the source line and a caret under "
                                         "each diagnostic"));

// ---- the check registry ----

static std::vector<CheckInfo> &registry() {
  static std::vector<CheckInfo> R;
  return R;
}

CheckRegistration::CheckRegistration(const CheckInfo &Info) { registry().push_back(Info); }

std::vector<CheckInfo> registeredChecks() {
  std::vector<CheckInfo> R = registry();
  std::sort(R.begin(), R.end(),
            [](const CheckInfo &A, const CheckInfo &B) { return StringRef(A.Id) < B.Id; });
  return R;
}

const CheckInfo *findCheck(StringRef Id) {
  for (const CheckInfo &C : registry())
    if (Id == C.Id)
      return &C;
  return nullptr;
}

static bool anyMatch(ArrayRef<std::string> Pats, StringRef Id) {
  for (const std::string &P : Pats)
    if (globMatch(checkPattern(P), Id))
      return true;
  return false;
}

static std::vector<std::string> werrorPatterns() {
  SmallVector<StringRef, 8> Ids;
  StringRef(Werror).split(Ids, ',', -1, /*KeepEmpty=*/false);
  std::vector<std::string> R;
  for (StringRef P : Ids)
    if (!P.trim().empty())
      R.push_back(P.trim().str());
  return R;
}

// A pattern that names no compile-time check is a typo (or a run-time ID,
// which these options cannot reach): either way the option would silently
// do nothing, so it fails the compile instead.
static void validatePatterns(StringRef Flag, ArrayRef<std::string> Pats) {
  for (const std::string &P : Pats) {
    StringRef Pat = checkPattern(P);
    if (Pat.empty()) {
      addOptionError("empty check ID in -f" + Flag + "=");
      continue;
    }
    bool Matches = Pat == "all";
    for (const CheckInfo &C : registry())
      Matches = Matches || globMatch(Pat, C.Id);
    if (Matches)
      continue;
    std::string Known;
    for (const CheckInfo &C : registeredChecks())
      Known += (Known.empty() ? "" : ", ") + std::string(C.Id);
    addOptionError("unknown check ID '" + P + "' in -f" + Flag + "= (the compile-time checks: " +
                   Known + ")");
  }
}

void validateDiagnosticOptions() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    validatePatterns("syncsan-enable", EnableChecks);
    validatePatterns("syncsan-disable", DisableChecks);
    validatePatterns("syncsan-werror", werrorPatterns());
    if (!Werror.empty() && werrorPatterns().empty())
      addOptionError("empty check ID in -fsyncsan-werror=");
    if (SarifPath.getNumOccurrences() && SarifPath.empty())
      addOptionError("-fsyncsan-sarif= needs a file or directory name");
  });
}

Diagnostics &Diagnostics::get() {
  static Diagnostics D;
  return D;
}

bool Diagnostics::enabled(StringRef Id) const {
  if (anyMatch(DisableChecks, Id))
    return false;
  const CheckInfo *C = findCheck(Id);
  if (C && C->Default == Severity::Remark)
    return Remarks || anyMatch(EnableChecks, Id);
  return true;
}

Severity Diagnostics::severityOf(StringRef Id) const {
  const CheckInfo *C = findCheck(Id);
  Severity S = C ? C->Default : Severity::Warning;
  if (S != Severity::Warning || Werror.getNumOccurrences() == 0)
    return S;
  if (Werror.empty())
    return Severity::Error;
  return anyMatch(werrorPatterns(), Id) ? Severity::Error : S;
}

// ---- locations ----

bool isStandardLibraryFunction(StringRef Demangled) {
  for (StringRef P : {"std::", "__gnu_cxx::", "__cxxabiv1::", "__gnu_debug::"})
    if (Demangled.starts_with(P))
      return true;
  return false;
}


static DiagLoc fromDILocation(const DILocation *L) {
  DiagLoc D;
  D.File = L->getFilename().str();
  D.FullPath = joinPath(L->getDirectory(), L->getFilename());
  D.Line = L->getLine();
  D.Column = L->getColumn();
  D.Function = scopeFunction(L);
  return D;
}

DiagLoc diagLocation(const Instruction &I) {
  const DILocation *Chosen = nullptr;
  for (const DILocation *L = I.getDebugLoc().get(); L; L = L->getInlinedAt()) {
    if (!Chosen)
      Chosen = L;
    if (!isSystemPath(L->getDirectory(), L->getFilename())) {
      Chosen = L;
      break;
    }
  }
  DiagLoc D;
  if (Chosen && Chosen->getLine() != 0) {
    D = fromDILocation(Chosen);
    D.System = isSystemPath(Chosen->getDirectory(), Chosen->getFilename());
  }
  if (D.File.empty()) {
    const Module *M = I.getModule();
    D.File = M->getSourceFileName();
    D.FullPath = D.File;
    D.Line = D.Column = 0;
  }
  if (D.Function.empty())
    D.Function = demangle(I.getFunction()->getName().str());
  if (!D.Line)
    D.System = isStandardLibraryFunction(D.Function);
  return D;
}

std::vector<DiagLoc> inlinedCallSites(const Instruction &I) {
  std::vector<DiagLoc> Out;
  const DILocation *L = I.getDebugLoc().get();
  for (L = L ? L->getInlinedAt() : nullptr; L; L = L->getInlinedAt())
    if (L->getLine() && !isSystemPath(L->getDirectory(), L->getFilename()))
      Out.push_back(fromDILocation(L));
  return Out;
}

// ---- printing ----

namespace {
// Source files read once per process, split into lines.
class SourceCache {
public:
  const std::string *line(const std::string &Path, unsigned Line) {
    auto It = Files.find(Path);
    if (It == Files.end()) {
      std::vector<std::string> Lines;
      if (auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true)) {
        SmallVector<StringRef, 0> Parts;
        (*Buf)->getBuffer().split(Parts, '\n');
        for (StringRef P : Parts)
          Lines.push_back(P.rtrim("\r").str());
      }
      It = Files.try_emplace(Path, std::move(Lines)).first;
    }
    if (Line == 0 || Line > It->second.size())
      return nullptr;
    return &It->second[Line - 1];
  }

private:
  StringMap<std::vector<std::string>> Files;
};
} // namespace

static SourceCache &sources() {
  static SourceCache C;
  return C;
}

const std::string *sourceLine(const DiagLoc &L) {
  if (L.Line == 0 || L.FullPath.empty())
    return nullptr;
  return sources().line(L.FullPath, L.Line);
}

static unsigned digits(unsigned N) {
  unsigned D = 1;
  while (N >= 10) {
    N /= 10;
    ++D;
  }
  return D;
}

// The source line with a gutter and a caret under Column, laid out as clang
// does (tabs expanded to 8 columns, line numbers right-aligned in at least
// 4 columns).
static void printSnippet(raw_ostream &OS, const DiagLoc &L) {
  if (!ShowSource || L.Line == 0)
    return;
  const std::string *Text = sources().line(L.FullPath, L.Line);
  if (!Text)
    return;
  std::string Expanded;
  unsigned CaretCol = 0; // display column of the caret, 0-based
  for (size_t I = 0; I < Text->size(); ++I) {
    if (I + 1 == L.Column)
      CaretCol = Expanded.size();
    char C = (*Text)[I];
    if (C == '\t')
      Expanded.append(8 - Expanded.size() % 8, ' ');
    else
      Expanded += C;
  }
  if (L.Column > Text->size())
    CaretCol = Expanded.size();
  unsigned W = std::max(4u, digits(L.Line));
  OS.indent(W - digits(L.Line) + 1) << L.Line << " | " << Expanded << "\n";
  if (L.Column) {
    OS.indent(W + 2) << "| ";
    OS.indent(CaretCol) << "^\n";
  }
}

static const char *label(Severity S) {
  switch (S) {
  case Severity::Remark:
    return "remark";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

static void printHeader(raw_ostream &OS, const DiagLoc &L, const char *Label,
                        const std::string &Message) {
  OS << L.File;
  if (L.Line) {
    OS << ":" << L.Line;
    if (L.Column)
      OS << ":" << L.Column;
  }
  OS << ": " << Label << ": ";
  if (!L.Line && !L.Function.empty())
    OS << "in function '" << L.Function << "': ";
  OS << Message;
}

static std::string dedupKey(StringRef Id, const DiagLoc &L, const std::string &Message) {
  std::string K = (Id + "\x1f" + L.FullPath + "\x1f" + Twine(L.Line) + "\x1f" + Twine(L.Column))
                      .str();
  // Without line information the function and message stand in for the
  // position, so that two different problems in one function both show.
  if (!L.Line)
    K += "\x1f" + L.Function + "\x1f" + Message;
  return K;
}

bool Diagnostics::report(StringRef Id, const DiagLoc &Loc, const std::string &Message,
                         ArrayRef<DiagNote> Notes) {
  if (!enabled(Id) || Loc.System)
    return false;
  if (!Seen.insert(dedupKey(Id, Loc, Message)).second)
    return false;
  Severity S = severityOf(Id);
  if (S == Severity::Error)
    ++Errors;

  raw_ostream &OS = errs();
  printHeader(OS, Loc, label(S), Message);
  OS << " [syncsan-" << Id << "]\n";
  printSnippet(OS, Loc);
  for (const DiagNote &N : Notes) {
    printHeader(OS, N.Loc, "note", N.Message);
    OS << "\n";
    printSnippet(OS, N.Loc);
  }
  if (!Loc.Line && !HintedDebugInfo) {
    HintedDebugInfo = true;
    OS << Loc.File << ": note: compile with -g for the line and column of syncsan "
       << "diagnostics\n";
  }
  OS.flush();
  Results.push_back({Id.str(), S, Loc, Message, std::vector<DiagNote>(Notes.begin(), Notes.end())});
  return true;
}


void Diagnostics::finishModule(Module &M) {
  if (!SarifPath.empty()) {
    std::string Err;
    if (!writeSarif(SarifPath, M.getSourceFileName(), Results, Err))
      emitCompileError(M, "cannot write the SARIF log (-fsyncsan-sarif=): " + Err);
  }
  unsigned N = Errors;
  Results.clear();
  Seen.clear();
  Errors = 0;
  HintedDebugInfo = false;
  if (N)
    emitCompileError(M, Twine(N) + " diagnostic" + (N == 1 ? "" : "s") + " treated as error" +
                            (N == 1 ? "" : "s") + " (-fsyncsan-werror)");
}

} // namespace syncsan
