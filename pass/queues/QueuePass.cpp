//===- QueuePass.cpp - the queues wing's pass -----------------------------===//
#include "queues/QueuePass.h"

#include "core/OptionErrors.h"
#include "core/Options.h"
#include "queues/QueueCheck.h"
#include "queues/QueueOptions.h"
#include "queues/QueueSources.h"
#include "queues/QueueWrap.h"

#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace syncsan {

namespace {

/// -syncsan-queue-list: what the unit declares and what was wrapped.
void listQueues(const Module &M, const QueueSources &S, const QueueOps &Ops,
                const std::vector<unsigned> &Calls) {
  std::string Unit = M.getSourceFileName();
  for (size_t I = 0; I < Ops.Ops.size(); ++I) {
    const QueueOp &Op = Ops.Ops[I];
    errs() << "syncsan: note: " << Unit << ": queue function " << Op.Decl.Function << " ('"
           << Op.Decl.text() << "', declared at " << Op.Decl.Origin << "): " << Calls[I]
           << (Calls[I] == 1 ? " call" : " calls") << " wrapped";
    if (!Op.Decl.Timed.empty() && !Op.TimedDeclaredHere && Calls[I])
      errs() << "; its timed form " << Op.Decl.Timed
             << " is not declared in this unit: declared with a long timeout";
    errs() << "\n";
  }
  if (S.SpecFile.empty())
    return;
  bool Any = false;
  for (const QueueDecl &D : S.Decls)
    Any |= D.FromSpec && M.getFunction(D.Function);
  if (!Any)
    errs() << "syncsan: note: " << Unit << ": this unit declares none of the " << S.SpecDecls
           << " functions of the queue spec file '" << S.SpecFile << "'\n";
}

struct SyncSanQueuePass : PassInfoMixin<SyncSanQueuePass> {
  QueueHooks Hooks;

  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    applyEnvironmentOptions();
    // Off, or nothing to read: the unit is left as it is, at no cost.
    if (!Hooks.Enabled() || Hooks.Instrumented(M) || !mayDeclareQueues(M))
      return PreservedAnalyses::all();
    QueueSources S = readQueueDecls(M);
    QueueOps Ops;
    checkQueueDecls(M, S.Decls, Hooks.Intercepted, S.Errors, Ops);
    if (!S.Errors.empty()) {
      for (const std::string &E : S.Errors)
        emitCompileError(M, E);
      return PreservedAnalyses::all();
    }
    std::vector<unsigned> Calls = wrapQueueCalls(M, Ops);
    if (QueueList)
      listQueues(M, S, Ops, Calls);
    for (unsigned N : Calls)
      if (N)
        return PreservedAnalyses::none();
    return PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

} // namespace

void registerQueuePass(PassBuilder &PB, QueueHooks Hooks) {
  PB.registerPipelineStartEPCallback([Hooks](ModulePassManager &MPM, OptimizationLevel) {
    MPM.addPass(SyncSanQueuePass{{}, Hooks});
  });
  PB.registerPipelineParsingCallback(
      [Hooks](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "syncsan-queues")
          return false;
        MPM.addPass(SyncSanQueuePass{{}, Hooks});
        return true;
      });
}

} // namespace syncsan
