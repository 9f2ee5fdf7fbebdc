//===- CallRewrite.h - replace a call by a call of a hook ------*- C++ -*-===//
//
// Every wing that rewrites a call into a runtime entry does the same
// surgery: a call or invoke of Hook with Args, keeping the call site's
// operand bundles (deopt state, funclet tokens belong to the site, not the
// callee), its debug location and its name, then taking its place.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_CALLREWRITE_H
#define SYNCSAN_PASS_CALLREWRITE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"

namespace syncsan {

/// Replaces CB (erased) by a call, or an invoke to CB's destinations, of
/// Hook with Args; returns the new call.
llvm::CallBase *replaceCall(llvm::CallBase *CB, llvm::FunctionCallee Hook,
                            llvm::ArrayRef<llvm::Value *> Args);

} // namespace syncsan

#endif
