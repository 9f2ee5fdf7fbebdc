// One wait, two problems, two reports: thread T0 waits on the condvar with
// a mutex it does not hold (condvar-wait-unlocked) and that differs from
// the one the waiting thread T1 uses (condvar-mutex-mismatch). Neither
// hides the other. g_b is an errorcheck mutex, so glibc fails the wait
// with EPERM and nothing is held after it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_b;
static pthread_cond_t g_cv;
static int ready, done;

static void *waiter(void *arg) {
  pthread_mutex_lock(&g_a);
  ready = 1;
  while (!done)
    pthread_cond_wait(&g_cv, &g_a);
  pthread_mutex_unlock(&g_a);
  return arg;
}

int main(void) {
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&g_b, &ma);
  pthread_cond_init(&g_cv, NULL);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  /* Once `ready` is seen under g_a, the waiter is inside its wait. */
  for (int seen = 0; !seen;) {
    pthread_mutex_lock(&g_a);
    seen = ready;
    pthread_mutex_unlock(&g_a);
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec = 0;
  int rc = pthread_cond_timedwait(&g_cv, &g_b, &ts);

  pthread_mutex_lock(&g_a);
  done = 1;
  pthread_cond_broadcast(&g_cv);
  pthread_mutex_unlock(&g_a);
  pthread_join(t, NULL);
  pthread_cond_destroy(&g_cv);
  fprintf(stderr, "rc=%d joined\n", rc);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: condvar-wait-unlocked: thread T0 waits on condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) with mutex M{{[0-9]+}} 'g_b' (0x{{[0-9a-f]+}}), which it does not hold
// CHECK-NEXT: Wait by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked-mismatch.c:43:12 (pthread_cond_timedwait)
// CHECK: SUMMARY: SyncSanitizer: condvar-wait-unlocked {{.*}}cond-wait-unlocked-mismatch.c:43 in main
// CHECK: ERROR: SyncSanitizer: condvar-mutex-mismatch: thread T0 waits on condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) with mutex M{{[0-9]+}} 'g_b' (0x{{[0-9a-f]+}}) while 1 other waiter uses mutex M{{[0-9]+}} 'g_a' (0x{{[0-9a-f]+}})
// CHECK-NEXT: Wait with mutex M{{[0-9]+}} 'g_b' {{.*}} by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked-mismatch.c:43:12 (pthread_cond_timedwait)
// CHECK: Wait with mutex M{{[0-9]+}} 'g_a' {{.*}} by thread T1, still waiting:
// CHECK-NEXT: #0 waiter {{.*}}cond-wait-unlocked-mismatch.c:21:5 (pthread_cond_wait)
// CHECK: SUMMARY: SyncSanitizer: condvar-mutex-mismatch {{.*}}cond-wait-unlocked-mismatch.c:43 in main
// CHECK: rc=1 joined
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
