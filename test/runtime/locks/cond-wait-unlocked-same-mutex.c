// Near miss of cond-wait-unlocked-mismatch.c: thread T0 waits unlocked, but
// with the mutex the waiting thread T1 uses. One problem, one report:
// condvar-wait-unlocked only, no condvar-mutex-mismatch. g_a is an
// errorcheck mutex, so glibc fails T0's wait with EPERM.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_a;
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
  pthread_mutex_init(&g_a, &ma);
  pthread_cond_init(&g_cv, NULL);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  for (int seen = 0; !seen;) {
    pthread_mutex_lock(&g_a);
    seen = ready;
    pthread_mutex_unlock(&g_a);
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec = 0;
  int rc = pthread_cond_timedwait(&g_cv, &g_a, &ts);

  pthread_mutex_lock(&g_a);
  done = 1;
  pthread_cond_broadcast(&g_cv);
  pthread_mutex_unlock(&g_a);
  pthread_join(t, NULL);
  pthread_cond_destroy(&g_cv);
  fprintf(stderr, "rc=%d joined\n", rc);
  return 0;
}
// CHECK-NOT: condvar-mutex-mismatch
// CHECK: ERROR: SyncSanitizer: condvar-wait-unlocked: thread T0 waits on condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) with mutex M{{[0-9]+}} 'g_a' (0x{{[0-9a-f]+}}), which it does not hold
// CHECK-NEXT: Wait by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked-same-mutex.c:40:12 (pthread_cond_timedwait)
// CHECK-NOT: condvar-mutex-mismatch
// CHECK: rc=1 joined
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
