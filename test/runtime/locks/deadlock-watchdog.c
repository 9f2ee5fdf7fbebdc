// A real deadlock: two threads each hold one lock and wait for the other's.
// The inversion is reported before the second thread blocks; the watchdog
// then finds both blocked in a wait-for cycle and ends the process with a
// report naming each thread's wait and held locks, instead of hanging.
// (The check at blocking time would report this cycle before the watchdog
// does, deadlock-now.c: deadlock_at_block=0 leaves it to the watchdog.)
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300:deadlock_at_block=0 %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t left = PTHREAD_MUTEX_INITIALIZER, right = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold;

static void *one(void *arg) {
  pthread_mutex_lock(&left);
  pthread_barrier_wait(&both_hold);
  pthread_mutex_lock(&right);
  return arg;
}

static void *two(void *arg) {
  pthread_mutex_lock(&right);
  pthread_barrier_wait(&both_hold);
  pthread_mutex_lock(&left);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_barrier_init(&both_hold, NULL, 2);
  pthread_create(&a, NULL, one, NULL);
  pthread_create(&b, NULL, two, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("not reached\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (for at least {{[0-9]+}} ms)
// CHECK-DAG: Thread T1 waits for mutex M{{[0-9]+}} 'right' (0x{{[0-9a-f]+}}), held by T2, at:
// CHECK-DAG: #0 one {{.*}}deadlock-watchdog.c:18:3 (pthread_mutex_lock)
// CHECK-DAG: T1 holds mutex M{{[0-9]+}} 'left' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-DAG: #0 one {{.*}}deadlock-watchdog.c:16:3 (pthread_mutex_lock)
// CHECK-DAG: Thread T2 waits for mutex M{{[0-9]+}} 'left' (0x{{[0-9a-f]+}}), held by T1, at:
// CHECK-DAG: #0 two {{.*}}deadlock-watchdog.c:25:3 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: deadlock {{.*}}deadlock-watchdog.c:{{18|25}} in {{one|two}}
// CHECK: syncsan: ending the deadlocked process
// CHECK-NOT: not reached
