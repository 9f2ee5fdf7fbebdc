// A thread ends holding robust mutexes that no thread takes over: one is
// never locked again (reported at process exit), one is destroyed (reported
// at the destroy). Its plain mutex is reported when it ends, as any held
// lock is, without the robust ones: they may still be taken over.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_robust, g_robust_gone;
static pthread_mutex_t g_plain = PTHREAD_MUTEX_INITIALIZER;

static void *dies_holding(void *arg) {
  pthread_mutex_lock(&g_robust);
  pthread_mutex_lock(&g_plain);
  pthread_mutex_lock(&g_robust_gone);
  return arg;
}

static void make_robust(pthread_mutex_t *m) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(m, &a);
  pthread_mutexattr_destroy(&a);
}

int main(void) {
  make_robust(&g_robust);
  make_robust(&g_robust_gone);
  pthread_t t;
  pthread_create(&t, NULL, dies_holding, NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "joined\n");
  pthread_mutex_destroy(&g_robust_gone);
  fprintf(stderr, "destroyed\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: thread T1 exits while holding 1 lock
// CHECK-NEXT: Held: mutex M{{[0-9]+}} 'g_plain' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 dies_holding {{.*}}misuse-robust-owner-died-unrecovered.c:15:3 (pthread_mutex_lock)
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: joined
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: thread T1 exited while holding robust mutex M{{[0-9]+}} 'g_robust_gone' (0x{{[0-9a-f]+}}), and no thread took it over (EOWNERDEAD) before it was destroyed or initialised again
// CHECK-NEXT: Held: mutex M{{[0-9]+}} 'g_robust_gone' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 dies_holding {{.*}}misuse-robust-owner-died-unrecovered.c:16:3 (pthread_mutex_lock)
// CHECK: destroyed
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: thread T1 exited while holding robust mutex M{{[0-9]+}} 'g_robust' (0x{{[0-9a-f]+}}), and no thread took it over (EOWNERDEAD) before the process exit
// CHECK-NEXT: Held: mutex M{{[0-9]+}} 'g_robust' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 dies_holding {{.*}}misuse-robust-owner-died-unrecovered.c:14:3 (pthread_mutex_lock)
// CHECK: SyncSanitizer: 3 error reports
