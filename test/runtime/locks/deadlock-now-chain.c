// A three-thread deadlock found as it forms: T1 holds 'a' and waits for
// 'b', T2 holds 'b' and waits for 'c', T3 holds 'c' and waits for 'a'. The
// thread that blocks last finds its lock's holder blocked on a lock held
// by a thread blocked on one of its own: reported then (the watchdog's
// 60 s never comes), with every thread's wait and held lock.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000 %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
// fail: the closing acquisition returns EDEADLK, its thread backs off, and
// the other two then get their locks in turn.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s --check-prefix=FAIL
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER,
                c = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t all_hold;
static pthread_mutex_t *const order[3][2] = {{&a, &b}, {&b, &c}, {&c, &a}};

static void *worker(void *arg) {
  pthread_mutex_t *const *p = order[(long)arg];
  pthread_mutex_lock(p[0]);
  pthread_barrier_wait(&all_hold);
  int rc = pthread_mutex_lock(p[1]);
  if (rc == 0)
    pthread_mutex_unlock(p[1]);
  else
    fprintf(stderr, "backed off: %s\n", rc == EDEADLK ? "EDEADLK" : "other");
  pthread_mutex_unlock(p[0]);
  return NULL;
}

int main(void) {
  pthread_t th[3];
  pthread_barrier_init(&all_hold, NULL, 3);
  for (long i = 0; i < 3; i++)
    pthread_create(&th[i], NULL, worker, (void *)i);
  for (int i = 0; i < 3; i++)
    pthread_join(th[i], NULL);
  fprintf(stderr, "all finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: deadlock: T{{[123]}}, T{{[123]}} and T{{[123]}} are blocked waiting for each other (certain as T{{[123]}} blocks
// CHECK-DAG: Thread T1 waits for mutex M{{[0-9]+}} 'b' (0x{{[0-9a-f]+}}), held by T2, at:
// CHECK-DAG: Thread T2 waits for mutex M{{[0-9]+}} 'c' (0x{{[0-9a-f]+}}), held by T3, at:
// CHECK-DAG: Thread T3 waits for mutex M{{[0-9]+}} 'a' (0x{{[0-9a-f]+}}), held by T1, at:
// CHECK-DAG: T1 holds mutex M{{[0-9]+}} 'a'
// CHECK-DAG: T2 holds mutex M{{[0-9]+}} 'b'
// CHECK-DAG: T3 holds mutex M{{[0-9]+}} 'c'
// CHECK: SUMMARY: SyncSanitizer: deadlock {{.*}}deadlock-now-chain.c:24 in worker
// CHECK: syncsan: ending the deadlocked process
// CHECK-NOT: all finished

// FAIL: ERROR: SyncSanitizer: deadlock: T{{[123]}}, T{{[123]}} and T{{[123]}} are blocked waiting for each other (certain as
// FAIL: returns EDEADLK without locking
// FAIL: backed off: EDEADLK
// FAIL-NOT: SyncSanitizer: deadlock
// FAIL: all finished
