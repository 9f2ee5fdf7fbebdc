// atomic-invalid-order: orders that only become constant after inlining or
// constant propagation, which clang's front end cannot see (it checks only
// literal orders, -Watomic-memory-ordering), and C's rule that a
// compare-exchange's failure order be no stronger than its success order.
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
// Without inlining the orders stay variables: only the literal rule fires.
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=O0 --implicit-check-not=syncsan-atomic
#include <stdatomic.h>

struct big { long a[4]; };

static inline int load_with(_Atomic int *p, memory_order o) {
  return atomic_load_explicit(p, o);
  // CHECK: atomic-invalid-order.c:[[@LINE-1]]:10: warning: memory_order_release is not a valid order for an atomic load (use relaxed, consume, acquire or seq_cst); the order is a variable that only becomes constant after inlining or constant propagation, where clang no longer checks it, and the operation is compiled as relaxed [syncsan-atomic-invalid-order]
  // CHECK-NEXT: {{^ +}}[[@LINE-2]] |   return atomic_load_explicit(p, o);
  // CHECK-NEXT: {{^}}      |          ^{{$}}
  // CHECK-NEXT: atomic-invalid-order.c:{{[0-9]+}}:37: note: the order is passed in through this call, inlined here
  // CHECK-NEXT: int folded(_Atomic int *p) { return load_with(p, memory_order_release); }
}
static inline void store_with(_Atomic int *p, int v, memory_order o) {
  atomic_store_explicit(p, v, o);
  // CHECK: atomic-invalid-order.c:[[@LINE-1]]:3: warning: memory_order_acquire is not a valid order for an atomic store (use relaxed, release or seq_cst);{{.*}} [syncsan-atomic-invalid-order]
}
static inline int cas_with(_Atomic int *p, int *e, memory_order s, memory_order f) {
  return atomic_compare_exchange_strong_explicit(p, e, 1, s, f);
  // CHECK: atomic-invalid-order.c:[[@LINE-1]]:10: warning: memory_order_acq_rel is not a valid order for the failure of a compare-exchange (use relaxed, consume, acquire or seq_cst: a failed compare-exchange only loads);{{.*}} [syncsan-atomic-invalid-order]
}
static inline long gcc_builtin(long *p, int o) {
  return __atomic_load_n(p, o);
  // CHECK: atomic-invalid-order.c:[[@LINE-1]]:10: warning: memory_order_acq_rel is not a valid order for an atomic load{{.*}} [syncsan-atomic-invalid-order]
}
static inline void big_load(_Atomic struct big *p, struct big *out, int o) {
  *out = atomic_load_explicit(p, o);
  // An oversized atomic is a libatomic call that takes the order as an argument.
  // CHECK: atomic-invalid-order.c:[[@LINE-2]]:10: warning: memory_order_release is not a valid order for an atomic load (call to __atomic_load; use relaxed, consume, acquire or seq_cst){{.*}} [syncsan-atomic-invalid-order]
}

int folded(_Atomic int *p) { return load_with(p, memory_order_release); }
void folded_store(_Atomic int *p) { store_with(p, 1, memory_order_acquire); }
int folded_cas(_Atomic int *p, int *e) { return cas_with(p, e, memory_order_seq_cst, memory_order_acq_rel); }
long folded_builtin(long *p) { return gcc_builtin(p, __ATOMIC_ACQ_REL); }
void folded_big(_Atomic struct big *p, struct big *out) { big_load(p, out, memory_order_release); }

// Literal orders: C11 7.17.7.4 wants failure no stronger than success;
// clang does not check it.
int literal_stronger(_Atomic int *p, int *e) {
  return atomic_compare_exchange_strong_explicit(p, e, 2, memory_order_relaxed, memory_order_seq_cst);
  // CHECK: atomic-invalid-order.c:[[@LINE-1]]:10: warning: compare-exchange failure order memory_order_seq_cst is stronger than its success order memory_order_relaxed; C11 (7.17.7.4) requires the failure order to be no stronger than the success order [syncsan-atomic-invalid-order]
  // O0: atomic-invalid-order.c:[[@LINE-2]]:10: warning: compare-exchange failure order memory_order_seq_cst is stronger than its success order memory_order_relaxed;{{.*}} [syncsan-atomic-invalid-order]
}

// Near misses: valid orders through the same helpers, orders that stay
// variable, and a failure order as strong as the success order.
int ok_acquire(_Atomic int *p) { return load_with(p, memory_order_acquire); }
void ok_release(_Atomic int *p) { store_with(p, 1, memory_order_release); }
int ok_cas(_Atomic int *p, int *e) { return cas_with(p, e, memory_order_acq_rel, memory_order_acquire); }
int ok_variable(_Atomic int *p, memory_order o) { return load_with(p, o); }
int ok_literal(_Atomic int *p, int *e) {
  return atomic_compare_exchange_weak_explicit(p, e, 2, memory_order_seq_cst, memory_order_seq_cst);
}
