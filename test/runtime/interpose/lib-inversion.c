// A library built with plain clang (no pass) takes two mutexes in the order
// it is given them. Its calls reach the runtime through the interposers
// (exported definitions of pthread_mutex_lock and the others), so the
// program's two calls in opposite orders are a lock-order cycle, as if the
// library had been instrumented; called in one order, nothing is reported.
// The same holds for a program whose own code is built without the pass
// too, linked with the runtime: every lock call is then interposed. Sites
// come from return addresses: the library's frames are symbolized, and the
// stack above them reaches the program's caller.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/pair-lib.c -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so -o %t
// RUN: %expect-exit 66 %t inverted 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t consistent 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty
// RUN: %clang %O -g -c %s -o %t-plain.o
// RUN: %syncsan-cc %t-plain.o %t-lib.so -o %t-plain
// RUN: %expect-exit 66 %t-plain inverted 2>&1 | FileCheck %s --check-prefix=PLAIN
// RUN: %expect-exit 0 %t-plain consistent 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty

// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'm2' -> 'm1' -> 'm2'
// CHECK: Thread T2 acquires 'm1' while holding 'm2' (this closes the cycle):
// CHECK-NEXT: #0 lib_lock_pair {{.*}}pair-lib.c:10:3 (pthread_mutex_lock)
// CHECK-NEXT: #1 second {{.*}}lib-inversion.c
// CHECK: 'm2' was acquired by T2 before, at:
// CHECK-NEXT: #0 lib_lock_pair {{.*}}pair-lib.c:9:3 (pthread_mutex_lock)
// CHECK: Thread T1 acquired 'm2' while holding 'm1':
// CHECK-NEXT: #0 lib_lock_pair {{.*}}pair-lib.c:10:3 (pthread_mutex_lock)
// CHECK-NEXT: #1 first {{.*}}lib-inversion.c
// CHECK: Thread T2 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}lib-inversion.c:[[#@LINE+41]]
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}pair-lib.c:10 in lib_lock_pair
// CHECK: 1 error report

// The program's own locks are unknown globals to the runtime there: no
// instrumented module names them.
// PLAIN: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock)
// PLAIN: Thread T2 acquires {{.*}} while holding {{.*}} (this closes the cycle):
// PLAIN-NEXT: #0 lib_lock_pair {{.*}}pair-lib.c:10:3 (pthread_mutex_lock)
// PLAIN-NEXT: #1 second {{.*}}lib-inversion.c
// PLAIN: Thread T2 created by T0 at:
// PLAIN: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}pair-lib.c:10 in lib_lock_pair
// PLAIN: 1 error report

// SILENT-NOT: SyncSanitizer
#include <pthread.h>
#include <string.h>

void lib_lock_pair(pthread_mutex_t *a, pthread_mutex_t *b);

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER;
static int inverted;

static void *first(void *arg) {
  lib_lock_pair(&m1, &m2);
  return arg;
}

static void *second(void *arg) {
  if (inverted)
    lib_lock_pair(&m2, &m1);
  else
    lib_lock_pair(&m1, &m2);
  return arg;
}

int main(int argc, char **argv) {
  inverted = argc > 1 && !strcmp(argv[1], "inverted");
  pthread_t a, b;
  pthread_create(&a, NULL, first, NULL);
  pthread_join(a, NULL);
  pthread_create(&b, NULL, second, NULL);
  pthread_join(b, NULL);
  return 0;
}
