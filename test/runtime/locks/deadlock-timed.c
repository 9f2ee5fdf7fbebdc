// A wait-for cycle in which one wait has a timeout is no certain deadlock:
// T1 holds 'left' and waits for 'right' with pthread_mutex_timedlock, T2
// holds 'right' and waits for 'left'. The watchdog reports the cycle (the
// deadlock ID, saying that a timed wait will break it) but lets the
// program go on: T1's wait times out, it releases 'left', and both finish.
// (deadlock-watchdog.c is the same program without the timeout, which is
// ended.)
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=200 %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

pthread_mutex_t left = PTHREAD_MUTEX_INITIALIZER, right = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold;

static void *one(void *arg) {
  pthread_mutex_lock(&left);
  pthread_barrier_wait(&both_hold);
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 2; /* well past the watchdog's 200 ms */
  int rc = pthread_mutex_timedlock(&right, &until);
  fprintf(stderr, "T1 timedlock: %s\n", rc == ETIMEDOUT ? "timed out" : "acquired");
  if (rc == 0)
    pthread_mutex_unlock(&right);
  pthread_mutex_unlock(&left);
  return arg;
}

static void *two(void *arg) {
  pthread_mutex_lock(&right);
  pthread_barrier_wait(&both_hold);
  pthread_mutex_lock(&left);
  pthread_mutex_unlock(&left);
  pthread_mutex_unlock(&right);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_barrier_init(&both_hold, NULL, 2);
  pthread_create(&a, NULL, one, NULL);
  pthread_create(&b, NULL, two, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (for at least {{[0-9]+}} ms); the cycle includes a timed wait (T1's), so it resolves when that wait times out
// CHECK-DAG: Thread T1 waits (with a timeout) for mutex M{{[0-9]+}} 'right' (0x{{[0-9a-f]+}}), held by T2, at:
// CHECK-DAG: #0 one {{.*}}deadlock-timed.c:24:12 (pthread_mutex_timedlock)
// CHECK-DAG: Thread T2 waits for mutex M{{[0-9]+}} 'left' (0x{{[0-9a-f]+}}), held by T1, at:
// CHECK-DAG: #0 two {{.*}}deadlock-timed.c:35:3 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: deadlock {{.*}}deadlock-timed.c:{{24|35}} in {{one|two}}
// CHECK-NOT: ending the deadlocked process
// CHECK: T1 timedlock: timed out
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: done
// CHECK: SyncSanitizer: 2 error reports
