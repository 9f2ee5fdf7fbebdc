//===- AtomicOrderLiterals.cpp - invalid literal memory orders ------------===//
#include "AtomicOrderLiterals.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"

#include <optional>
#include <set>
#include <string>

using namespace clang;

namespace syncsan {

static const char *const Id = "atomic-invalid-order";

namespace {

// The same uses, valid sets and wording as the pass's compile-time and
// run-time halves (pass/atomics/AtomicOrder.cpp), so that one invalid order
// reads the same whichever half finds it.
enum class Use { Load, Store, RMW, CmpXchgSuccess, CmpXchgFailure };

bool validOrder(Use U, int64_t O) {
  switch (U) {
  case Use::Load:
  case Use::CmpXchgFailure:
    return O == 0 || O == 1 || O == 2 || O == 5;
  case Use::Store:
    return O == 0 || O == 3 || O == 5;
  case Use::RMW:
  case Use::CmpXchgSuccess:
    return O >= 0 && O <= 5;
  }
  return true;
}

const char *validList(Use U) {
  switch (U) {
  case Use::Load:
    return "relaxed, consume, acquire or seq_cst";
  case Use::Store:
    return "relaxed, release or seq_cst";
  case Use::CmpXchgFailure:
    return "relaxed, consume, acquire or seq_cst: a failed compare-exchange only loads";
  case Use::RMW:
  case Use::CmpXchgSuccess:
    return "one of memory_order_relaxed ... memory_order_seq_cst";
  }
  return "";
}

const char *useNoun(Use U) {
  switch (U) {
  case Use::Load:
    return "an atomic load";
  case Use::Store:
    return "an atomic store";
  case Use::RMW:
    return "an atomic read-modify-write";
  case Use::CmpXchgSuccess:
    return "a compare-exchange";
  case Use::CmpXchgFailure:
    return "the failure of a compare-exchange";
  }
  return "an atomic operation";
}

std::string orderName(int64_t O) {
  static const char *const Names[] = {"memory_order_relaxed", "memory_order_consume",
                                      "memory_order_acquire", "memory_order_release",
                                      "memory_order_acq_rel", "memory_order_seq_cst"};
  if (O >= 0 && O <= 5)
    return Names[O];
  return "an out-of-range memory order (" + std::to_string(O) + ")";
}

std::optional<Use> successUse(const AtomicExpr &E) {
  switch (E.getOp()) {
  // Initialisation has no order: its second operand is the value.
  case AtomicExpr::AO__c11_atomic_init:
  case AtomicExpr::AO__opencl_atomic_init:
    return std::nullopt;
  case AtomicExpr::AO__c11_atomic_load:
  case AtomicExpr::AO__opencl_atomic_load:
  case AtomicExpr::AO__hip_atomic_load:
  case AtomicExpr::AO__atomic_load_n:
  case AtomicExpr::AO__atomic_load:
  case AtomicExpr::AO__scoped_atomic_load_n:
  case AtomicExpr::AO__scoped_atomic_load:
    return Use::Load;
  case AtomicExpr::AO__c11_atomic_store:
  case AtomicExpr::AO__opencl_atomic_store:
  case AtomicExpr::AO__hip_atomic_store:
  case AtomicExpr::AO__atomic_store:
  case AtomicExpr::AO__atomic_store_n:
  case AtomicExpr::AO__scoped_atomic_store:
  case AtomicExpr::AO__scoped_atomic_store_n:
    return Use::Store;
  default:
    return E.isCmpXChg() ? Use::CmpXchgSuccess : Use::RMW;
  }
}

class Visitor : public RecursiveASTVisitor<Visitor> {
public:
  Visitor(ASTContext &Ctx, DiagnosticsEngine &Diags, bool AsError)
      : Ctx(Ctx), Diags(Diags) {
    // clang reports a custom ID at the level it was made with, whatever the
    // -W flags say: the plugin applies -w, -Werror (and -Wno-error, which
    // clears it) itself, as clang does to its own warnings, and
    // -fsyncsan-werror makes an error that -w leaves, like clang's errors.
    Quiet = !AsError && Diags.getIgnoreAllWarnings();
    auto Level = AsError || Diags.getWarningsAsErrors() ? DiagnosticsEngine::Error
                                                        : DiagnosticsEngine::Warning;
    Dropped = Diags.getCustomDiagID(
        Level, "%0 is not a valid order for %1 (use %2); clang compiles this "
               "operation to nothing: it is not performed at all [syncsan-atomic-invalid-order]");
    Relaxed = Diags.getCustomDiagID(
        Level, "%0 is not a valid order for %1 (use %2); clang compiles the "
               "failure as relaxed [syncsan-atomic-invalid-order]");
  }

  bool VisitAtomicExpr(AtomicExpr *E) {
    if (!E || E->isInstantiationDependent())
      return true;
    std::optional<Use> U = successUse(*E);
    // getOrder() and getOrderFail() read fixed operand slots (1 and 3) that
    // exist only when there are that many operands.
    if (!U || E->getNumSubExprs() < 2)
      return true;
    SourceLocation Where = Ctx.getSourceManager().getExpansionLoc(E->getBeginLoc());
    if (Where.isInvalid() || Ctx.getSourceManager().isInSystemHeader(Where))
      return true;
    // An operation whose order clang drops is not performed, so a failure
    // order of it would be no more than noise.
    if (check(E->getOrder(), *U, Dropped))
      return true;
    if (E->isCmpXChg() && E->getNumSubExprs() >= 5)
      check(E->getOrderFail(), Use::CmpXchgFailure, Relaxed);
    return true;
  }

private:
  // Reports Order if it is an invalid constant for U; returns whether it did.
  bool check(const Expr *Order, Use U, unsigned DiagID) {
    if (!Order || Order->isValueDependent() || Order->containsErrors())
      return false;
    std::optional<llvm::APSInt> V = Order->getIntegerConstantExpr(Ctx);
    if (!V || !V->isRepresentableByInt64())
      return false;
    int64_t O = V->getExtValue();
    if (validOrder(U, O))
      return false;
    if (Quiet)
      return true;
    // Once per location, as for the pass: each instantiation of a template
    // repeats its body.
    if (!Reported.insert(Order->getBeginLoc().getRawEncoding()).second)
      return true;
    Diags.Report(Order->getBeginLoc(), DiagID)
        << orderName(O) << useNoun(U) << validList(U) << Order->getSourceRange();
    return true;
  }

  ASTContext &Ctx;
  DiagnosticsEngine &Diags;
  unsigned Dropped = 0, Relaxed = 0;
  bool Quiet = false;
  std::set<clang::SourceLocation::UIntTy> Reported;
};

// Each top-level declaration is checked as soon as it is parsed, so that
// the reports come right after clang's own warnings on it. Sema hands the
// instantiations of templates in here too, at the end of the translation
// unit: an order made invalid only by a template argument is reported there.
class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &CI, bool AsError) : CI(CI), AsError(AsError) {}

  void Initialize(ASTContext &Ctx) override {
    V = std::make_unique<Visitor>(Ctx, CI.getDiagnostics(), AsError);
  }

  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    if (!V)
      return true;
    for (Decl *D : DG)
      if (D)
        V->TraverseDecl(D);
    return true;
  }

private:
  CompilerInstance &CI;
  bool AsError;
  std::unique_ptr<Visitor> V;
};

} // namespace

std::unique_ptr<ASTConsumer> makeAtomicOrderLiterals(CompilerInstance &CI,
                                                     const FrontendOptions &Opts) {
  if (!Opts.enabled(Id))
    return std::make_unique<ASTConsumer>();
  return std::make_unique<Consumer>(CI, Opts.isError(Id));
}

} // namespace syncsan
