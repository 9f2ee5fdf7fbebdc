//===- Plugin.cpp - registers syncsan's front-end plugin with clang -------===//
//
// Loaded with clang -fplugin= (syncsan-cc does it for every compile of a
// source), the action runs before clang's main action, whatever that is
// (code generation, -fsyntax-only), on the same AST. Actions without an AST
// (-E, -M, LLVM IR inputs) never create its consumer.
//
//===----------------------------------------------------------------------===//
#include "AtomicOrderLiterals.h"
#include "FrontendOptions.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

#include <cstdlib>

using namespace clang;

namespace {

class SyncSanFrontendAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    return syncsan::makeAtomicOrderLiterals(
        CI, syncsan::FrontendOptions::parse(std::getenv("SYNCSAN_PASS_OPTIONS")));
  }

  bool ParseArgs(const CompilerInstance &, const std::vector<std::string> &) override {
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace

static FrontendPluginRegistry::Add<SyncSanFrontendAction>
    X("syncsan-frontend", "syncsan's checks of the clang AST (invalid literal memory orders)");
