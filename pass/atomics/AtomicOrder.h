//===- AtomicOrder.h - the atomic-invalid-order check -----------*- C++ -*-===//
//
// clang's front end rejects an invalid literal order (-Watomic-memory-ordering)
// but not one that is a variable: then it emits a switch over the order
// values whose default case, reached by every invalid value, quietly
// performs the relaxed operation. Such orders become constant only after
// inlining or constant propagation. So an early pass (before inlining)
// plants a marker on the default edge of each of those switches: an empty
// side-effecting inline asm that carries the order. After optimisation, a
// marker whose order is a constant is an invalid order that really happens;
// the late pass reports it and removes every marker. The same late pass
// checks the order arguments of __atomic_* library calls, and the C rule
// that a compare-exchange's failure order be no stronger than its success
// order (which clang-19 does not check). A marker whose order is still a
// variable becomes a run-time check of the order (AtomicOrderCheck.cpp):
// a constant order is judged here, at compile time, and only here.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICORDER_H
#define SYNCSAN_PASS_ATOMICORDER_H

#include "AtomicOps.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>

namespace llvm {
class Module;
class CallInst;
class AtomicCmpXchgInst;
} // namespace llvm

namespace syncsan {

class SiteTable;

/// What an order is used for; each use has its own set of valid orders.
enum class OrderUse { Load, Store, RMW, CmpXchgSuccess, CmpXchgFailure };

bool validOrder(OrderUse U, int CABI);

/// Early: plants markers on clang's order switches. Returns the number planted.
unsigned plantOrderMarkers(llvm::Module &M);

/// The use a marker stands for, if CI is one.
std::optional<OrderUse> markerUse(const llvm::CallInst &CI);

/// Late: reports invalid orders (markers, library calls, compare-exchange
/// failure orders) and removes the markers; with RunTime, a marker whose
/// order is not a constant becomes a run-time check instead.
void checkOrders(llvm::Module &M, llvm::ArrayRef<AtomicOp> Ops,
                 llvm::ArrayRef<llvm::CallInst *> Markers, SiteTable &Sites, bool RunTime);

/// Replaces Marker (of use U) by a call of __syncsan_atomic_order_check.
void emitOrderCheck(llvm::CallInst &Marker, OrderUse U, SiteTable &Sites);
/// Calls __syncsan_atomic_cmpxchg_order_check just before X, a C
/// compare-exchange whose failure ordering is stronger than its success
/// ordering, with the orders as the switches clang put before it select
/// them (else Success and Failure, the C values of its orderings).
void emitPairCheck(llvm::AtomicCmpXchgInst &X, int Success, int Failure, SiteTable &Sites);

} // namespace syncsan

#endif
