//===- Options.h - syncsan pass options ------------------------*- C++ -*-===//
//
// Every pass option is a cl::opt named "syncsan-*", defined by the wing it
// belongs to. Because plain -mllvm does not reach a plugin loaded only with
// -fpass-plugin in LLVM 19, the same options are also read from the
// SYNCSAN_PASS_OPTIONS environment variable ("-syncsan-a=1 -syncsan-b"),
// which the syncsan-cc wrapper sets from its -fsyncsan-* flags.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_OPTIONS_H
#define SYNCSAN_PASS_OPTIONS_H

namespace syncsan {

/// Applies SYNCSAN_PASS_OPTIONS once; later calls do nothing. Unknown or
/// malformed options are option errors (OptionErrors.h): they fail the
/// compile.
void applyEnvironmentOptions();

} // namespace syncsan

#endif
