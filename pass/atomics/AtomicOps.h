//===- AtomicOps.h - one view of every kind of atomic operation -*- C++ -*-===//
//
// The checks see IR atomics (load atomic, store atomic, atomicrmw, cmpxchg,
// fence) and the __atomic_* / __sync_* library calls that clang emits for
// under-aligned or oversized atomics through one description, so that each
// check is written once.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICOPS_H
#define SYNCSAN_PASS_ATOMICOPS_H

#include "llvm/IR/Instructions.h"
#include "llvm/Support/AtomicOrdering.h"

#include <optional>
#include <string>

namespace syncsan {

enum class AtomicKind { Load, Store, RMW, CmpXchg, Fence };

struct AtomicOp {
  llvm::Instruction *I = nullptr;
  AtomicKind Kind = AtomicKind::Load;
  llvm::Value *Ptr = nullptr; // null for fences
  uint64_t Size = 0;          // bytes accessed; 0 when not a constant
  // Orderings as C ABI values (memory_order_relaxed = 0 ... seq_cst = 5).
  // For IR instructions they are exact; for library calls they are the
  // order arguments when constant, else -1.
  int Order = -1;
  int FailureOrder = -1;            // compare-exchange only
  llvm::Value *OrderArg = nullptr;  // library calls: the order operands
  llvm::Value *FailureArg = nullptr;
  bool Libcall = false;
  bool Volatile = false;
  bool SingleThread = false; // syncscope("singlethread"): signal fences etc.
  bool Unordered = false;    // LLVM "unordered": no C equivalent
  llvm::AtomicRMWInst::BinOp RMWOp = llvm::AtomicRMWInst::BAD_BINOP;
  uint64_t IRAlign = 0; // the instruction's align; 0 for library calls

  bool writes() const {
    return Kind == AtomicKind::Store || Kind == AtomicKind::RMW || Kind == AtomicKind::CmpXchg;
  }
  bool reads() const { return Kind == AtomicKind::Load || Kind == AtomicKind::RMW ||
                              Kind == AtomicKind::CmpXchg; }
};

/// I as an atomic operation, or nothing.
std::optional<AtomicOp> asAtomicOp(llvm::Instruction &I);

/// "atomic load", "atomic read-modify-write (add)", "call to __atomic_load_4", ...
std::string describe(const AtomicOp &Op);

/// C ABI order value of an LLVM ordering (-1 for not-atomic and unordered).
int toCOrder(llvm::AtomicOrdering O);
/// "memory_order_acquire" for 2, "an out-of-range order (7)" for 7.
std::string orderName(int CABI);

} // namespace syncsan

#endif
