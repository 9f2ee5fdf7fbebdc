// Near misses of the deadlock check at blocking time, with the watchdog's
// timeout far away (60 s) so that a report could only come from that check:
// - sleeping: the holder of the contended lock is asleep, not blocked;
// - chain: T2 waits for 'outer', held by T1, which is asleep; main then
//   waits for 'inner', held by T2: blocked, but on a thread that will go on;
// - timed: a wait-for cycle in which one wait has a timeout is no certain
//   deadlock (T1's timed wait ends, it backs off and both finish). The
//   lock-order inversion is still reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000 %expect-exit 0 timeout 30 %t sleeping 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 0 timeout 30 %t chain 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 66 timeout 30 %t timed 2>&1 | FileCheck %s --check-prefix=TIMED
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER, inner = PTHREAD_MUTEX_INITIALIZER;
/* main holds it while it waits: only a thread that holds a lock checks. */
pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t go;

static void *sleeper(void *arg) {
  pthread_mutex_lock(&outer);
  pthread_barrier_wait(&go);
  usleep(800 * 1000);
  pthread_mutex_unlock(&outer);
  return arg;
}

static void *middle(void *arg) {
  pthread_mutex_lock(&inner);
  pthread_barrier_wait(&go);
  pthread_mutex_lock(&outer); /* blocks on the sleeper */
  pthread_mutex_unlock(&outer);
  pthread_mutex_unlock(&inner);
  return arg;
}

static void *timed_one(void *arg) {
  pthread_mutex_lock(&outer);
  pthread_barrier_wait(&go);
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 2;
  int rc = pthread_mutex_timedlock(&inner, &until);
  fprintf(stderr, "timedlock: %s\n", rc == ETIMEDOUT ? "timed out" : rc == 0 ? "acquired" : "other");
  if (rc == 0)
    pthread_mutex_unlock(&inner);
  pthread_mutex_unlock(&outer);
  return arg;
}

static void *timed_two(void *arg) {
  pthread_mutex_lock(&inner);
  pthread_barrier_wait(&go);
  usleep(200 * 1000); /* usually blocks second: its acquire is the one checked */
  int rc = pthread_mutex_lock(&outer);
  fprintf(stderr, "lock: %s\n", rc == 0 ? "acquired" : "refused");
  if (rc == 0)
    pthread_mutex_unlock(&outer);
  pthread_mutex_unlock(&inner);
  return arg;
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "sleeping";
  pthread_t a, b;
  if (!strcmp(what, "sleeping")) {
    pthread_barrier_init(&go, NULL, 2);
    pthread_create(&a, NULL, sleeper, NULL);
    pthread_barrier_wait(&go);
    pthread_mutex_lock(&own);
    pthread_mutex_lock(&outer);
    pthread_mutex_unlock(&outer);
    pthread_mutex_unlock(&own);
    pthread_join(a, NULL);
  } else if (!strcmp(what, "chain")) {
    pthread_barrier_init(&go, NULL, 3);
    pthread_create(&a, NULL, sleeper, NULL);
    pthread_create(&b, NULL, middle, NULL);
    pthread_barrier_wait(&go);
    usleep(100 * 1000);
    pthread_mutex_lock(&own);
    pthread_mutex_lock(&inner);
    pthread_mutex_unlock(&inner);
    pthread_mutex_unlock(&own);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
  } else {
    pthread_barrier_init(&go, NULL, 2);
    pthread_create(&a, NULL, timed_one, NULL);
    pthread_create(&b, NULL, timed_two, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
  }
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK-NOT: SyncSanitizer
// CHECK: done

// TIMED: ERROR: SyncSanitizer: lock-order-inversion
// TIMED-NOT: SyncSanitizer: deadlock
// TIMED-DAG: timedlock: timed out
// TIMED-DAG: lock: acquired
// TIMED-NOT: SyncSanitizer: deadlock
// TIMED: done
