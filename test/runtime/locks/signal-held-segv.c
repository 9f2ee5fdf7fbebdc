// A thread that faults (SIGSEGV) while holding a mutex, with the main
// thread holding another one: each holder's locks are reported
// (lock-held-at-exit, with the signal in the headline), the faulting
// thread first with where it faulted, and the process still dies of
// SIGSEGV (the shell's 139), as it would without syncsan.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 139 sh -c 'ulimit -c 0; exec "$0"' %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t g_worker_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_main_mu;
static sem_t main_holds;
static int *volatile g_null;

static __attribute__((noinline)) void crash(void) { *g_null = 1; }

static void *worker(void *arg) {
  pthread_mutex_lock(&g_worker_mu);
  sem_wait(&main_holds);
  crash();
  return arg;
}

int main(void) {
  sem_init(&main_holds, 0, 0);
  pthread_mutex_init(&g_main_mu, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_mutex_lock(&g_main_mu);
  sem_post(&main_holds);
  pthread_join(t, NULL);
  fprintf(stderr, "not reached\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: the process ends on SIGSEGV (a fault at 0x0) in thread T1, which holds 1 lock
// CHECK-NEXT: SIGSEGV in thread T1 at:
// CHECK-NEXT: #0 {{.*}}crash {{.*}}signal-held-segv.c:17
// CHECK: Held: mutex M{{[0-9]+}} 'g_worker_mu' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 worker {{.*}}signal-held-segv.c:20:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was statically initialised
// CHECK: Thread T1 created by T0 at:
// CHECK: SUMMARY: SyncSanitizer: lock-held-at-exit {{.*}}signal-held-segv.c:20 in worker
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: the process ends on SIGSEGV (a fault at 0x0) while thread T0 holds 1 lock
// CHECK-NEXT: Held: mutex M{{[0-9]+}} 'g_main_mu' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 main {{.*}}signal-held-segv.c:31:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}signal-held-segv.c:28:3 (pthread_mutex_init)
// CHECK: SUMMARY: SyncSanitizer: lock-held-at-exit {{.*}}signal-held-segv.c:31 in main
// CHECK-NOT: not reached
