// A stack overflow in the main thread while it holds a mutex: the SIGSEGV
// handler runs on the alternate stack syncsan gave the main thread (the
// program set none), reports the held lock with the top of the runaway
// recursion, and the process still dies of SIGSEGV.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 139 sh -c 'ulimit -c 0; ulimit -s 8192; exec "$0"' %t 2>&1 | FileCheck %s
#include <pthread.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noinline)) int deep(volatile int n) {
  volatile char pad[256];
  pad[0] = (char)n;
  return deep(n + 1) + pad[0];
}

int main(void) {
  pthread_mutex_lock(&g_mu);
  return deep(0);
}
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: the process ends on SIGSEGV (a fault at 0x{{[0-9a-f]+}}) in thread T0, which holds 1 lock
// CHECK-NEXT: SIGSEGV in thread T0 at:
// CHECK-NEXT: #0 deep {{.*}}signal-held-overflow.c:
// CHECK: Held: mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 main {{.*}}signal-held-overflow.c:18:3 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: lock-held-at-exit
