// A deadlock through condvars: no thread can ever signal. T1 waits on
// 'ready' for a flag that only main would set, main waits on 'done' for a
// flag that only T1 would set, and T2 waits for 'big', which main holds
// while it waits. Every thread of the process is blocked, the condvars
// have had no signal since their waits began: the watchdog reports it and
// ends the process.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300 %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
// hang: reported, then left to hang until `timeout` ends it.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300:deadlock_action=hang %expect-exit 124 timeout 5 %t 2>&1 | FileCheck %s --check-prefix=HANG
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, big = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready = PTHREAD_COND_INITIALIZER, done = PTHREAD_COND_INITIALIZER;
static int is_ready, is_done;
static pthread_barrier_t started;

static void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  pthread_barrier_wait(&started);
  while (!is_ready)
    pthread_cond_wait(&ready, &m);
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

int main(void) {
  pthread_t a, b;
  pthread_barrier_init(&started, NULL, 3);
  pthread_mutex_lock(&big);
  pthread_create(&a, NULL, waiter, NULL);
  pthread_create(&b, NULL, locker, NULL);
  pthread_barrier_wait(&started);
  pthread_mutex_lock(&m);
  while (!is_done) /* forgot to set is_ready and signal first */
    pthread_cond_wait(&done, &m);
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&big);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("not reached\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: deadlock: T{{[01]}} waits on condvar C{{[0-9]+}} '{{ready|done}}' (0x{{[0-9a-f]+}}) with no signal since it began waiting, and every other thread ({{.*}}) is blocked: no thread can signal it (for at least {{[0-9]+}} ms)
// CHECK-DAG: Thread T1 waits on condvar C{{[0-9]+}} 'ready' (0x{{[0-9a-f]+}}) (no signal since it began waiting), at:
// CHECK-DAG: #0 waiter {{.*}}deadlock-condvar.c:23:5 (pthread_cond_wait)
// CHECK-DAG: Thread T0 waits on condvar C{{[0-9]+}} 'done' (0x{{[0-9a-f]+}}) (no signal since it began waiting), at:
// CHECK-DAG: #0 main {{.*}}deadlock-condvar.c:46:5 (pthread_cond_wait)
// CHECK-DAG: T0 holds mutex M{{[0-9]+}} 'big' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-DAG: Thread T2 waits for mutex M{{[0-9]+}} 'big' (0x{{[0-9a-f]+}}), held by T0, at:
// CHECK-DAG: #0 locker {{.*}}deadlock-condvar.c:32:3 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: deadlock
// CHECK: syncsan: ending the deadlocked process
// CHECK-NOT: not reached

// HANG: ERROR: SyncSanitizer: deadlock: T{{[01]}} waits on condvar
// HANG-NOT: ending the deadlocked process
// HANG-NOT: not reached
