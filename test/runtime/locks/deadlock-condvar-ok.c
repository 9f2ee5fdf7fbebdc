// Near misses of the condvar deadlock: threads stuck in condvar and lock
// waits far past deadlock_timeout_ms, but one thread could still signal.
// - late: a fourth thread sleeps (it waits for nothing syncsan tracks, so
//   it may run) and then signals: no report, the program finishes;
// - timed: T1 waits on its condvar with a timeout, which is never a
//   certain deadlock: it times out and signals main itself.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100 %expect-exit 0 timeout 30 %t late 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100 %expect-exit 0 timeout 30 %t timed 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, big = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready = PTHREAD_COND_INITIALIZER, done = PTHREAD_COND_INITIALIZER;
static int is_ready, is_done, timed;
static pthread_barrier_t started;

static void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  pthread_barrier_wait(&started);
  if (timed) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 2; /* well past the watchdog's 100 ms */
    while (!is_ready && pthread_cond_timedwait(&ready, &m, &until) == 0) {
    }
  } else {
    while (!is_ready)
      pthread_cond_wait(&ready, &m);
  }
  is_done = 1;
  pthread_cond_signal(&done);
  pthread_mutex_unlock(&m);
  return arg;
}

static void *locker(void *arg) {
  pthread_barrier_wait(&started);
  pthread_mutex_lock(&big);
  pthread_mutex_unlock(&big);
  return arg;
}

static void *late(void *arg) {
  sleep(2);
  pthread_mutex_lock(&m);
  is_ready = 1;
  pthread_cond_signal(&ready);
  pthread_mutex_unlock(&m);
  return arg;
}

int main(int argc, char **argv) {
  timed = argc > 1 && !strcmp(argv[1], "timed");
  pthread_t a, b, c;
  pthread_barrier_init(&started, NULL, 3);
  pthread_mutex_lock(&big);
  pthread_create(&a, NULL, waiter, NULL);
  pthread_create(&b, NULL, locker, NULL);
  if (!timed)
    pthread_create(&c, NULL, late, NULL);
  pthread_barrier_wait(&started);
  pthread_mutex_lock(&m);
  while (!is_done)
    pthread_cond_wait(&done, &m);
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&big);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  if (!timed)
    pthread_join(c, NULL);
  fprintf(stderr, "finished\n");
  return 0;
}
// CHECK-NOT: SyncSanitizer
// CHECK: finished
