// destroy-locked for a condvar: destroyed while a thread is blocked on it.
// The real destroy still runs (glibc makes it wait for the waiter, whose
// timed wait ends it), so the program finishes as it would without syncsan.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv;
static int ready;

static void *waiter(void *arg) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += 1;
  pthread_mutex_lock(&g_mu);
  ready = 1;
  pthread_cond_timedwait(&g_cv, &g_mu, &ts);
  pthread_mutex_unlock(&g_mu);
  return arg;
}

int main(void) {
  pthread_cond_init(&g_cv, NULL);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  for (int seen = 0; !seen;) {
    pthread_mutex_lock(&g_mu);
    seen = ready;
    pthread_mutex_unlock(&g_mu);
  }
  pthread_cond_destroy(&g_cv);
  pthread_join(t, NULL);
  fprintf(stderr, "joined\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) while 1 thread is blocked waiting on it
// CHECK-NEXT: Destruction by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-destroy-waiters.c:34:3 (pthread_cond_destroy)
// CHECK: Wait with mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}) by thread T1:
// CHECK-NEXT: #0 waiter {{.*}}cond-destroy-waiters.c:20:3 (pthread_cond_timedwait)
// CHECK: condvar C{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}cond-destroy-waiters.c:26:3 (pthread_cond_init)
// CHECK: Thread T0 is the main thread
// CHECK-NEXT: Thread T1 created by T0 at:
// CHECK: SUMMARY: SyncSanitizer: destroy-locked {{.*}}cond-destroy-waiters.c:34 in main
// CHECK: joined
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
