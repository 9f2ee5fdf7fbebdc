// condvar-wait-unlocked: waiting with a mutex the thread does not hold.
// With an errorcheck mutex glibc refuses the wait (EPERM) and the mutex
// stays unheld; with a normal mutex the wait goes ahead and returns with the
// mutex locked, so the unlock after it is correct and silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_checked, g_plain = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&g_checked, &a);
  int rc = pthread_cond_wait(&g_cv, &g_checked);
  fprintf(stderr, "wait=%s\n", rc == EPERM ? "EPERM" : "other");

  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  /* The start of the current second is already past: */
  ts.tv_nsec = 0; /* the wait times out at once */
  rc = pthread_cond_timedwait(&g_cv, &g_plain, &ts);
  pthread_mutex_unlock(&g_plain);
  fprintf(stderr, "timedwait=%s\n", rc == ETIMEDOUT ? "ETIMEDOUT" : "other");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: condvar-wait-unlocked: thread T0 waits on condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) with mutex M{{[0-9]+}} 'g_checked' (0x{{[0-9a-f]+}}), which it does not hold
// CHECK-NEXT: Wait by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked.c:20:12 (pthread_cond_wait)
// CHECK: mutex M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked.c:19:3 (pthread_mutex_init)
// CHECK: condvar C{{[0-9]+}} was statically initialised (no init call seen)
// CHECK-NEXT: Thread T0 is the main thread
// CHECK-NEXT: SUMMARY: SyncSanitizer: condvar-wait-unlocked {{.*}}cond-wait-unlocked.c:20 in main
// CHECK: wait=EPERM
// CHECK: ERROR: SyncSanitizer: condvar-wait-unlocked: thread T0 waits on condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) with mutex M{{[0-9]+}} {{(.g_plain. )?}}(0x{{[0-9a-f]+}}), which it does not hold
// CHECK-NEXT: Wait by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked.c:27:8 (pthread_cond_timedwait)
// CHECK: SUMMARY: SyncSanitizer: condvar-wait-unlocked {{.*}}cond-wait-unlocked.c:27 in main
// CHECK: timedwait=ETIMEDOUT
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 2 error reports
