//===- ValueRoots.h - where a pointer in a small function comes from -*- C++ -*-===//
//
// The lock wrapper rule (LockWrappers.cpp) asks of a lock operation's
// object whether it is the function's parameter, something it allocated,
// or a global. At -O0 every value passes through a local variable's alloca
// and loads through pointers are spelled out, so the walk looks through
// both; it is flow-insensitive (a variable's roots are those of every value
// stored into it) and bounded in depth.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_VALUEROOTS_H
#define SYNCSAN_PASS_VALUEROOTS_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"

namespace syncsan {

/// Where a value comes from, looking through address arithmetic, loads of
/// the function's local variables (the -O0 form) and loads through
/// pointers (`buf->lock`).
struct Roots {
  bool Arg = false;                                   // a parameter
  bool Const = false;                                 // a global or a constant
  bool Unknown = false;                               // anything else
  llvm::SmallPtrSet<const llvm::CallBase *, 4> Calls; // results of calls
};

/// The roots of values in one function.
class RootFinder {
public:
  explicit RootFinder(const llvm::Function &F) : F(F) {}

  /// Roots of V; the loads from memory other than local variables that
  /// the walk went through are remembered (usedLoad).
  Roots roots(const llvm::Value *V) {
    Roots R;
    llvm::SmallPtrSet<const llvm::Value *, 16> Seen;
    walk(V, R, 0, Seen);
    return R;
  }
  bool usedLoad(const llvm::LoadInst *L) const { return UsedLoads.count(L); }
  /// An alloca only loaded and stored: a local variable (the -O0 form).
  static bool isLocalVariable(const llvm::Value *P);

private:
  void walk(const llvm::Value *V, Roots &R, unsigned Depth,
            llvm::SmallPtrSetImpl<const llvm::Value *> &Seen);

  const llvm::Function &F;
  llvm::SmallPtrSet<const llvm::LoadInst *, 8> UsedLoads;
};

/// Only roots of the kinds allowed, and none unknown.
inline bool onlyFrom(const Roots &R, bool Args, bool Consts, bool Calls) {
  return !R.Unknown && (Args || !R.Arg) && (Consts || !R.Const) && (Calls || R.Calls.empty());
}

} // namespace syncsan

#endif
