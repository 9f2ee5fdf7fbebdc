//===- AtomicOrderLiterals.h - invalid literal memory orders -----*- C++ -*-===//
//
// The literal half of atomic-invalid-order. For an order that is an integer
// constant expression and invalid for its operation, clang's code
// generation emits no operation at all (a load, store or read-modify-write)
// or silently makes it relaxed (the failure order of a compare-exchange):
// the IR keeps no trace of it, so the check has to run on the AST. It
// reports beside clang's own -Watomic-memory-ordering, through clang's
// DiagnosticsEngine, so that -w, -Werror and the diagnostic format options
// apply to it as to clang's warnings.
//
// An order that is not a constant expression (a parameter, std::atomic's
// members) is the pass's: it is checked after inlining or at run time.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_FRONTEND_ATOMICORDERLITERALS_H
#define SYNCSAN_FRONTEND_ATOMICORDERLITERALS_H

#include "FrontendOptions.h"

#include <memory>

namespace clang {
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace syncsan {

std::unique_ptr<clang::ASTConsumer> makeAtomicOrderLiterals(clang::CompilerInstance &CI,
                                                            const FrontendOptions &Opts);

} // namespace syncsan

#endif
