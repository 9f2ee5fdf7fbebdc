// A robust mutex whose owner thread ended while holding it: the ending is
// lock-held-at-exit, and the next lock returns EOWNERDEAD *with the mutex
// acquired*, so the recovering thread's unlock is correct and silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_robust;

static void *dies_holding(void *arg) {
  pthread_mutex_lock(&g_robust);
  return arg;
}

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&g_robust, &a);
  pthread_t t;
  pthread_create(&t, NULL, dies_holding, NULL);
  pthread_join(t, NULL);
  int rc = pthread_mutex_lock(&g_robust);
  if (rc == EOWNERDEAD)
    pthread_mutex_consistent(&g_robust);
  pthread_mutex_unlock(&g_robust);
  pthread_mutex_destroy(&g_robust);
  fprintf(stderr, "lock=%s\n", rc == EOWNERDEAD ? "EOWNERDEAD" : "other");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: thread T1 exits while holding 1 lock
// CHECK-NEXT: Held: mutex M{{[0-9]+}} 'g_robust' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 dies_holding {{.*}}misuse-robust-owner-died.c:13:3 (pthread_mutex_lock)
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: lock=EOWNERDEAD
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 1 error report
