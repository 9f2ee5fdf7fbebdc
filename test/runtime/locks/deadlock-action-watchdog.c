// A real deadlock found by the watchdog with deadlock_action=fail: the
// threads are blocked inside the C library's pthread_mutex_lock, which
// nothing can make return, so fail cannot refuse the acquisition. The report
// says so and the process is left to hang, as with deadlock_action=hang
// (`timeout` ends it: status 124). hang prints no such line. The check at
// blocking time would find this cycle first and refuse its closing
// acquisition (deadlock-now.c): deadlock_at_block=0 leaves it to the
// watchdog, as for a cycle that check cannot see form.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100:deadlock_at_block=0:deadlock_action=fail %expect-exit 124 timeout 4 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,FAIL
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100:deadlock_at_block=0:deadlock_action=hang %expect-exit 124 timeout 4 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,HANG
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
// CHECK: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (for at least {{[0-9]+}} ms)
// CHECK: SUMMARY: SyncSanitizer: deadlock
// CHECK-NOT: ending the deadlocked process
// FAIL: syncsan: deadlock_action=fail cannot make a lock call that is already blocked return EDEADLK; the deadlocked threads are left to hang
// HANG-NOT: deadlock_action=fail
// CHECK-NOT: ending the deadlocked process
// CHECK-NOT: not reached
