// atomic-invalid-order at run time: an order that is still a variable after
// optimisation (here: helpers kept out of line) is checked where clang's
// switch over the order sends every invalid value, once per site;
// the operation still happens, relaxed, as clang compiled it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
// Without the run-time atomic checks the program runs as clang compiled it.
// RUN: %syncsan-cc %O -g %s -o %t.off -fsyncsan-instrument-atomics=0
// RUN: %t.off 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=SyncSanitizer:
// RUN: %syncsan-cc %O -g %s -o %t.disabled -fsyncsan-disable=atomic-invalid-order
// RUN: %t.disabled 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=SyncSanitizer:
#include <stdatomic.h>
#include <stdio.h>

__attribute__((noinline)) int load_with(_Atomic int *p, memory_order o) {
  return atomic_load_explicit(p, o);
}
__attribute__((noinline)) void store_with(_Atomic int *p, int v, int o) {
  __atomic_store_n((int *)p, v, o);
}
__attribute__((noinline)) int cas_with(_Atomic int *p, int *e, int s, int f) {
  return __atomic_compare_exchange_n((int *)p, e, 7, 0, s, f);
}
__attribute__((noinline)) int add_with(_Atomic int *p, int o) {
  return atomic_fetch_add_explicit(p, 1, o);
}
// C: a failure order stronger than the success order.
__attribute__((noinline)) int cas_pair(_Atomic int *p, int *e, int s, int f) {
  return atomic_compare_exchange_weak_explicit(p, e, 7, s, f);
}

_Atomic int x;

int main(int argc, char **argv) {
  (void)argv;
  // Orders the compiler cannot know: argc is 1.
  int release = argc + 2, acquire = argc + 1, acq_rel = argc + 3;
  for (int i = 0; i < 3; i++) // one report for the three
    load_with(&x, release);
  load_with(&x, acq_rel);     // another invalid order at the same site: no new report
  store_with(&x, 1, acquire);
  int e = 1;
  cas_with(&x, &e, memory_order_seq_cst, acq_rel);
  add_with(&x, argc + 8);
  e = 0;
  cas_pair(&x, &e, argc - 1, argc + 1); // relaxed, acquire
  // Near misses: valid orders through the same helpers, every kind.
  load_with(&x, acquire);
  load_with(&x, argc - 1); // relaxed
  store_with(&x, 2, release);
  e = 2;
  cas_with(&x, &e, acq_rel, acquire);
  add_with(&x, acq_rel);
  cas_pair(&x, &e, acq_rel, acquire);
  cas_pair(&x, &e, memory_order_seq_cst, memory_order_seq_cst);
  printf("x %d\n", atomic_load(&x));
  return 0;
}
// CHECK: ERROR: SyncSanitizer: atomic-invalid-order: memory_order_release is not a valid order for an atomic load (use relaxed, consume, acquire or seq_cst)
// CHECK-NEXT: atomic load by thread T0:
// CHECK-NEXT: #0 load_with {{.*}}atomic-invalid-order.c:16:10 (atomic load)
// CHECK-NEXT: #1 main {{.*}}atomic-invalid-order.c:39:5
// CHECK: SUMMARY: SyncSanitizer: atomic-invalid-order {{.*}}atomic-invalid-order.c:16 in load_with
// CHECK: ERROR: SyncSanitizer: atomic-invalid-order: memory_order_acquire is not a valid order for an atomic store (use relaxed, release or seq_cst)
// CHECK-NEXT: atomic store by thread T0:
// CHECK-NEXT: #0 store_with {{.*}}atomic-invalid-order.c:19:3 (atomic store)
// CHECK: SUMMARY: SyncSanitizer: atomic-invalid-order {{.*}}atomic-invalid-order.c:19 in store_with
// CHECK: ERROR: SyncSanitizer: atomic-invalid-order: memory_order_acq_rel is not a valid order for the failure of a compare-exchange (use relaxed, consume, acquire or seq_cst: a failed compare-exchange only loads)
// CHECK-NEXT: atomic compare-exchange by thread T0:
// CHECK-NEXT: #0 cas_with {{.*}}atomic-invalid-order.c:22:10 (atomic compare-exchange)
// CHECK: SUMMARY: SyncSanitizer: atomic-invalid-order {{.*}}atomic-invalid-order.c:22 in cas_with
// CHECK: ERROR: SyncSanitizer: atomic-invalid-order: an out-of-range order (9) is not a valid order for an atomic read-modify-write (use one of memory_order_relaxed ... memory_order_seq_cst)
// CHECK-NEXT: atomic read-modify-write by thread T0:
// CHECK-NEXT: #0 add_with {{.*}}atomic-invalid-order.c:25:10 (atomic read-modify-write)
// CHECK: SUMMARY: SyncSanitizer: atomic-invalid-order {{.*}}atomic-invalid-order.c:25 in add_with
// CHECK: ERROR: SyncSanitizer: atomic-invalid-order: compare-exchange failure order memory_order_acquire is stronger than its success order memory_order_relaxed; C11 (7.17.7.4) requires the failure order to be no stronger than the success order
// CHECK-NEXT: atomic compare-exchange by thread T0:
// CHECK-NEXT: #0 cas_pair {{.*}}atomic-invalid-order.c:29:10 (atomic compare-exchange)
// CHECK-NEXT: #1 main {{.*}}atomic-invalid-order.c:46:3
// CHECK: SUMMARY: SyncSanitizer: atomic-invalid-order {{.*}}atomic-invalid-order.c:29 in cas_pair
// CHECK: x 7
// CHECK: SyncSanitizer: 5 error reports
// OFF: x 7
