//===- LockLevels.h - lock levels declared on declarations -----*- C++ -*-===//
//
// SYNCSAN_LOCK_LEVEL(n) on a global or struct-member lock is clang's
// annotate attribute "syncsan.lock_level=n" (or "syncsan.lock_level_ordered=n"
// for an ordered group). For a global it lands in llvm.global.annotations;
// for a field, each access goes through llvm.ptr.annotation. The pass puts
// the level into the site flags of every lock operation on such an object,
// so the runtime learns it on first sight with no registration call.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_LOCKLEVELS_H
#define SYNCSAN_PASS_LOCKLEVELS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Module.h"

namespace syncsan {

class LockLevels {
public:
  explicit LockLevels(llvm::Module &M);
  /// Site flags (SYNCSAN_SITE_LEVEL_* bits) for a lock operation on Ptr.
  uint32_t flagsFor(const llvm::Value *Ptr) const;

private:
  llvm::DenseMap<const llvm::GlobalValue *, uint32_t> Globals;
};

} // namespace syncsan

#endif
