// An order that becomes a constant after inlining belongs to the
// compile-time check alone: the -O2 build warns at compile time, and the
// program then reports nothing at run time for that call. At -O0 (no
// inlining) the same call is found at run time instead. A valid constant
// order through the same helper is silent both times.
// RUN: %syncsan-cc -O2 -g %s -o %t.O2 2>&1 | FileCheck %s --check-prefix=COMPILE
// RUN: %t.O2 2>&1 | FileCheck %s --check-prefix=RUN-O2 --implicit-check-not=SyncSanitizer:
// RUN: %syncsan-cc -O0 -g %s -o %t.O0 2>&1 | FileCheck %s --allow-empty --check-prefix=COMPILE-O0 --implicit-check-not=syncsan-
// RUN: %expect-exit 66 %t.O0 2>&1 | FileCheck %s --check-prefix=RUN-O0 --implicit-check-not=SyncSanitizer:
#include <stdatomic.h>
#include <stdio.h>

static inline int load_with(_Atomic int *p, memory_order o) {
  return atomic_load_explicit(p, o);
  // COMPILE: atomic-invalid-order-static.c:[[@LINE-1]]:10: warning: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
  // COMPILE-NOT: warning:
  // RUN-O0: ERROR: SyncSanitizer: atomic-invalid-order: memory_order_release is not a valid order for an atomic load
  // RUN-O0-NEXT: atomic load by thread T0:
  // RUN-O0-NEXT: #0 load_with {{.*}}atomic-invalid-order-static.c:[[@LINE-5]]:10 (atomic load)
  // RUN-O0-NEXT: #1 main {{.*}}atomic-invalid-order-static.c:[[@LINE+7]]:
}

_Atomic int x = 4;

int main(void) {
  int ok = load_with(&x, memory_order_acquire);
  int bad = load_with(&x, memory_order_release);
  printf("sum %d\n", ok + bad);
  return 0;
}
// RUN-O2: sum 8
// RUN-O0: SUMMARY: SyncSanitizer: atomic-invalid-order {{.*}}atomic-invalid-order-static.c:14 in load_with
// RUN-O0: sum 8
// RUN-O0: SyncSanitizer: 1 error report
// COMPILE-O0-NOT: warning
