//===- Sarif.h - SARIF 2.1.0 log of static diagnostics ---------*- C++ -*-===//
//
// One log, one run, one rule per registered check (with its help text),
// one result per emitted diagnostic with its physical location and notes as
// related locations: what code-scanning services and SARIF viewers read.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_SARIF_H
#define SYNCSAN_PASS_SARIF_H

#include "Diagnostics.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace syncsan {

/// The SARIF text for Results.
std::string renderSarif(llvm::ArrayRef<Diagnostics::Result> Results);

/// Writes the log to Path; when Path names a directory (or ends in '/'), to
/// a file named after the module's source file inside it, so that a whole
/// build can log into one directory. Returns false with Err set on failure.
bool writeSarif(llvm::StringRef Path, llvm::StringRef ModuleSource,
                llvm::ArrayRef<Diagnostics::Result> Results, std::string &Err);

} // namespace syncsan

#endif
