// Near miss of cond-destroyed.c, silent: a condvar destroyed and then
// initialised again (by pthread_cond_init, by cnd_init, or statically: a
// later stack frame's PTHREAD_COND_INITIALIZER at the same address) is a
// new condvar, and using it is fine.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: rc=110 done
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <threads.h>
#include <time.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv;
static cnd_t g_cnd;

/* The same frame twice: its condvar sits at one address, destroyed at the
 * end of the first call and statically initialised by the second. */
static __attribute__((noinline)) void frame(void) {
  pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
  pthread_cond_signal(&cv);
  pthread_cond_broadcast(&cv);
  pthread_cond_destroy(&cv);
}

int main(void) {
  pthread_cond_init(&g_cv, NULL);
  pthread_cond_destroy(&g_cv);
  pthread_cond_init(&g_cv, NULL);
  pthread_cond_signal(&g_cv);
  pthread_cond_broadcast(&g_cv);
  pthread_mutex_lock(&g_mu);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec = 0;
  int rc = pthread_cond_timedwait(&g_cv, &g_mu, &ts);
  pthread_mutex_unlock(&g_mu);
  pthread_cond_destroy(&g_cv);

  cnd_init(&g_cnd);
  cnd_destroy(&g_cnd);
  cnd_init(&g_cnd);
  cnd_signal(&g_cnd);
  cnd_broadcast(&g_cnd);
  cnd_destroy(&g_cnd);

  frame();
  frame();
  fprintf(stderr, "rc=%d done\n", rc);
  return 0;
}
