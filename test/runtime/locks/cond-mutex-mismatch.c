// condvar-mutex-mismatch: one thread waits on the condvar with one mutex
// while another thread waits on it with a different mutex.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_a = PTHREAD_MUTEX_INITIALIZER, g_b = PTHREAD_MUTEX_INITIALIZER;
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
  pthread_cond_init(&g_cv, NULL);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  /* Once `ready` is seen under g_a, the waiter is inside its wait. */
  for (int seen = 0; !seen;) {
    pthread_mutex_lock(&g_a);
    seen = ready;
    pthread_mutex_unlock(&g_a);
  }
  pthread_mutex_lock(&g_b);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec = 0;
  pthread_cond_timedwait(&g_cv, &g_b, &ts);
  pthread_mutex_unlock(&g_b);

  pthread_mutex_lock(&g_a);
  done = 1;
  pthread_cond_broadcast(&g_cv);
  pthread_mutex_unlock(&g_a);
  pthread_join(t, NULL);
  pthread_cond_destroy(&g_cv);
  fprintf(stderr, "joined\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: condvar-mutex-mismatch: thread T0 waits on condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) with mutex M{{[0-9]+}} 'g_b' (0x{{[0-9a-f]+}}) while 1 other waiter uses mutex M{{[0-9]+}} 'g_a' (0x{{[0-9a-f]+}})
// CHECK-NEXT: Wait with mutex M{{[0-9]+}} 'g_b' {{.*}} by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-mutex-mismatch.c:36:3 (pthread_cond_timedwait)
// CHECK: Wait with mutex M{{[0-9]+}} 'g_a' {{.*}} by thread T1, still waiting:
// CHECK-NEXT: #0 waiter {{.*}}cond-mutex-mismatch.c:17:5 (pthread_cond_wait)
// CHECK: mutex M{{[0-9]+}} was statically initialised
// CHECK-NEXT: mutex M{{[0-9]+}} was statically initialised
// CHECK-NEXT: condvar C{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}cond-mutex-mismatch.c:23:3 (pthread_cond_init)
// CHECK: Thread T0 is the main thread
// CHECK-NEXT: Thread T1 created by T0 at:
// CHECK: SUMMARY: SyncSanitizer: condvar-mutex-mismatch {{.*}}cond-mutex-mismatch.c:36 in main
// CHECK: joined
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
