//===- CallerSites.h - name the user's line for calls in wrappers -*- C++ -*-===//
//
// Without inlining (-O0), std::mutex::lock() reaches pthread_mutex_lock inside
// libstdc++'s headers, so the rewritten call's own site names a header line
// that is the same for every lock in the program. Around each call from user
// code into such a system-header wrapper, the pass stores the user's call
// site in the thread-local __syncsan_caller_site, and the runtime names that
// site instead. With inlining the wrappers are gone and nothing is added.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_CALLERSITES_H
#define SYNCSAN_PASS_CALLERSITES_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Module.h"

namespace syncsan {

class SiteTable;

/// Wrappers: system-header functions that contain a rewritten call (Seeds),
/// and, transitively, system-header functions calling them. Each call of a
/// wrapper from a non-system function is bracketed by stores of its site.
void annotateWrapperCalls(llvm::Module &M, SiteTable &Sites,
                          const llvm::SmallPtrSetImpl<llvm::Function *> &Seeds);

} // namespace syncsan

#endif
