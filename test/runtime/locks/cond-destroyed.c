// condvar-destroyed: a condvar is signalled, broadcast and waited on after
// pthread_cond_destroy, with no init in between. One report per call; the
// report says where it was destroyed and where it was initialised.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv;

int main(void) {
  pthread_cond_init(&g_cv, NULL);
  pthread_cond_signal(&g_cv);
  pthread_cond_destroy(&g_cv);
  pthread_cond_signal(&g_cv);
  pthread_cond_broadcast(&g_cv);
  pthread_mutex_lock(&g_mu);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec = 0; /* already past */
  int rc = pthread_cond_timedwait(&g_cv, &g_mu, &ts);
  pthread_mutex_unlock(&g_mu);
  fprintf(stderr, "rc=%d\n", rc);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: condvar-destroyed: thread T0 signals condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// CHECK-NEXT: Use by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-destroyed.c:17:3 (pthread_cond_signal)
// CHECK: condvar C{{[0-9]+}} was destroyed at:
// CHECK-NEXT: #0 main {{.*}}cond-destroyed.c:16:3 (pthread_cond_destroy)
// CHECK: condvar C{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}cond-destroyed.c:14:3 (pthread_cond_init)
// CHECK: SUMMARY: SyncSanitizer: condvar-destroyed {{.*}}cond-destroyed.c:17 in main
// CHECK: ERROR: SyncSanitizer: condvar-destroyed: thread T0 broadcasts condvar C{{[0-9]+}} 'g_cv'
// CHECK: SUMMARY: SyncSanitizer: condvar-destroyed {{.*}}cond-destroyed.c:18 in main
// CHECK: ERROR: SyncSanitizer: condvar-destroyed: thread T0 waits on condvar C{{[0-9]+}} 'g_cv'
// CHECK-NEXT: Use by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-destroyed.c:23:12 (pthread_cond_timedwait)
// CHECK: SUMMARY: SyncSanitizer: condvar-destroyed {{.*}}cond-destroyed.c:23 in main
// CHECK: rc=110
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
