//===- OptionErrors.cpp - bad pass options fail the compile ---------------===//
#include "OptionErrors.h"

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <mutex>
#include <string>
#include <vector>

using namespace llvm;

namespace syncsan {

namespace {
class SyncSanError : public DiagnosticInfo {
  std::string Msg;

public:
  explicit SyncSanError(std::string M) : DiagnosticInfo(kind(), DS_Error), Msg(std::move(M)) {}
  void print(DiagnosticPrinter &DP) const override { DP << Msg; }
  static int kind() {
    static int K = getNextAvailablePluginDiagnosticKind();
    return K;
  }
};
} // namespace

// Options are parsed at plugin load and when SYNCSAN_PASS_OPTIONS is read;
// a compiler may run modules on several threads (ThinLTO backends).
static std::mutex Lock;
static std::vector<std::string> &errors() {
  static std::vector<std::string> E;
  return E;
}
// The module being compiled, and how many errors it has been told of:
// errors found while it runs (a value read lazily) are reported too.
static const Module *LastModule;
static size_t ReportedToLast;

void addOptionError(const Twine &Msg) {
  std::lock_guard<std::mutex> G(Lock);
  std::string S = Msg.str();
  for (const std::string &E : errors())
    if (E == S)
      return;
  errors().push_back(std::move(S));
}

bool reportOptionErrors(Module &M) {
  std::vector<std::string> E;
  {
    std::lock_guard<std::mutex> G(Lock);
    if (LastModule != &M) {
      LastModule = &M;
      ReportedToLast = 0;
    }
    E.assign(errors().begin() + ReportedToLast, errors().end());
    ReportedToLast = errors().size();
  }
  for (const std::string &Msg : E)
    emitCompileError(M, Msg);
  return !errors().empty();
}

void emitCompileError(Module &M, const Twine &Msg) {
  M.getContext().diagnose(SyncSanError(("syncsan: " + Msg).str()));
}

} // namespace syncsan
