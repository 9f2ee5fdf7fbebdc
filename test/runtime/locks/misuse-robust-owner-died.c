// A robust mutex whose owner thread ended while holding it, taken over by
// the next thread: that lock returns EOWNERDEAD *with the mutex acquired*,
// the new owner makes it consistent and unlocks it. This is what a robust
// mutex is for, so the owner's end is not lock-held-at-exit, and the
// recovering thread holds the mutex (its unlock is correct and silent).
// Also a take-over by trylock and one by a timed lock.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_robust, g_robust_try, g_robust_timed;

static void *dies_holding(void *arg) {
  pthread_mutex_lock(&g_robust);
  pthread_mutex_lock(&g_robust_try);
  pthread_mutex_lock(&g_robust_timed);
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
  make_robust(&g_robust_try);
  make_robust(&g_robust_timed);
  pthread_t t;
  pthread_create(&t, NULL, dies_holding, NULL);
  pthread_join(t, NULL);
  int rc = pthread_mutex_lock(&g_robust);
  if (rc == EOWNERDEAD)
    pthread_mutex_consistent(&g_robust);
  int rc_try = pthread_mutex_trylock(&g_robust_try);
  if (rc_try == EOWNERDEAD)
    pthread_mutex_consistent(&g_robust_try);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += 5;
  int rc_timed = pthread_mutex_timedlock(&g_robust_timed, &ts);
  if (rc_timed == EOWNERDEAD)
    pthread_mutex_consistent(&g_robust_timed);
  pthread_mutex_unlock(&g_robust_timed);
  pthread_mutex_unlock(&g_robust_try);
  pthread_mutex_unlock(&g_robust);
  pthread_mutex_destroy(&g_robust);
  pthread_mutex_destroy(&g_robust_try);
  pthread_mutex_destroy(&g_robust_timed);
  fprintf(stderr, "lock=%s try=%s timed=%s\n", rc == EOWNERDEAD ? "EOWNERDEAD" : "other",
          rc_try == EOWNERDEAD ? "EOWNERDEAD" : "other",
          rc_timed == EOWNERDEAD ? "EOWNERDEAD" : "other");
  return 0;
}
// CHECK-NOT: SyncSanitizer
// CHECK: lock=EOWNERDEAD try=EOWNERDEAD timed=EOWNERDEAD
// CHECK-NOT: SyncSanitizer
