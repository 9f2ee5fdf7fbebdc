// Joins in the deadlock watchdog's wait-for graph. A join waits for the
// joined thread to end, so "T0 joins T1" is an edge T0 -> T1:
// - lock: main holds 'm' and joins T1, which waits for 'm': a cycle of a
//   join and a lock wait, reported and ended;
// - thrd: the same with thrd_join and an mtx;
// - condvar: main joins T1, which waits on a condvar no one can signal
//   (every thread is blocked): the condvar deadlock, its join included;
// - signalled: main signals the condvar T1 waits on, then joins T1 while
//   still holding the condvar's mutex: T1 cannot return from its wait
//   without the mutex, so it waits for main, which waits for it;
// near misses, silent:
// - sleeper: main joins T1 while holding 'm'; T1 sleeps and ends;
// - timedjoin: the cycle of 'lock' with pthread_timedjoin_np: no certain
//   deadlock (reported as one that resolves), main times out, releases
//   'm', and both finish.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300 %expect-exit 66 timeout 30 %t lock 2>&1 | FileCheck %s --check-prefix=LOCK
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300 %expect-exit 66 timeout 30 %t thrd 2>&1 | FileCheck %s --check-prefix=THRD
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300 %expect-exit 66 timeout 30 %t condvar 2>&1 | FileCheck %s --check-prefix=COND
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=300 %expect-exit 66 timeout 30 %t signalled 2>&1 | FileCheck %s --check-prefix=SIGNALLED
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100 %expect-exit 0 timeout 30 %t sleeper 2>&1 | FileCheck %s --check-prefix=SILENT
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=200 %expect-exit 66 timeout 30 %t timedjoin 2>&1 | FileCheck %s --check-prefix=TIMED
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t never = PTHREAD_COND_INITIALIZER;
mtx_t c11;
static int flag;

static void *locker(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return arg;
}

static int c11_locker(void *arg) {
  (void)arg;
  mtx_lock(&c11);
  mtx_unlock(&c11);
  return 0;
}

static void *cond_waiter(void *arg) {
  pthread_mutex_lock(&m);
  while (!flag)
    pthread_cond_wait(&never, &m);
  pthread_mutex_unlock(&m);
  return arg;
}

static pthread_barrier_t holding;

static void *signalled_waiter(void *arg) {
  pthread_mutex_lock(&m);
  pthread_barrier_wait(&holding);
  while (!flag)
    pthread_cond_wait(&never, &m);
  pthread_mutex_unlock(&m);
  return arg;
}

static void *sleeper(void *arg) {
  usleep(600 * 1000);
  return arg;
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "lock";
  pthread_t t;
  if (!strcmp(what, "lock")) {
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, locker, NULL);
    pthread_join(t, NULL);
    pthread_mutex_unlock(&m);
  } else if (!strcmp(what, "thrd")) {
    thrd_t c;
    mtx_init(&c11, mtx_plain);
    mtx_lock(&c11);
    thrd_create(&c, c11_locker, NULL);
    thrd_join(c, NULL);
    mtx_unlock(&c11);
  } else if (!strcmp(what, "condvar")) {
    pthread_create(&t, NULL, cond_waiter, NULL);
    pthread_join(t, NULL);
  } else if (!strcmp(what, "signalled")) {
    pthread_barrier_init(&holding, NULL, 2);
    pthread_create(&t, NULL, signalled_waiter, NULL);
    pthread_barrier_wait(&holding);
    pthread_mutex_lock(&m); /* T1 is in its wait: it released m */
    flag = 1;
    pthread_cond_signal(&never);
    pthread_join(t, NULL); /* still holding m */
    pthread_mutex_unlock(&m);
  } else if (!strcmp(what, "sleeper")) {
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, sleeper, NULL);
    pthread_join(t, NULL);
    pthread_mutex_unlock(&m);
  } else {
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, locker, NULL);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 2; /* well past the watchdog's 200 ms */
    int rc = pthread_timedjoin_np(t, NULL, &until);
    fprintf(stderr, "timedjoin: %s\n", rc == ETIMEDOUT ? "timed out" : "joined");
    pthread_mutex_unlock(&m);
    if (rc)
      pthread_join(t, NULL);
  }
  fprintf(stderr, "finished\n");
  return 0;
}
// LOCK: ERROR: SyncSanitizer: deadlock: T{{[01]}} and T{{[01]}} are blocked waiting for each other (for at least {{[0-9]+}} ms)
// LOCK-DAG: Thread T0 waits for T1 to end (a join), at:
// LOCK-DAG: #0 main {{.*}}deadlock-join.c:80:5 (pthread_join)
// LOCK-DAG: T0 holds mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}), acquired at:
// LOCK-DAG: Thread T1 waits for mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}), held by T0, at:
// LOCK-DAG: #0 locker {{.*}}deadlock-join.c:38:3 (pthread_mutex_lock)
// LOCK: syncsan: ending the deadlocked process
// LOCK-NOT: finished

// THRD: ERROR: SyncSanitizer: deadlock: T{{[01]}} and T{{[01]}} are blocked waiting for each other (for at least {{[0-9]+}} ms)
// THRD-DAG: Thread T0 waits for T1 to end (a join), at:
// THRD-DAG: #0 main {{.*}}deadlock-join.c:87:5 (thrd_join)
// THRD-DAG: Thread T1 waits for mtx M{{[0-9]+}} 'c11' (0x{{[0-9a-f]+}}), held by T0, at:
// THRD: syncsan: ending the deadlocked process
// THRD-NOT: finished

// COND: ERROR: SyncSanitizer: deadlock: T1 waits on condvar C{{[0-9]+}} 'never' (0x{{[0-9a-f]+}}) with no signal since it began waiting, and every other thread (T0) is blocked: no thread can signal it (for at least {{[0-9]+}} ms)
// COND-DAG: Thread T0 waits for T1 to end (a join), at:
// COND-DAG: #0 main {{.*}}deadlock-join.c:91:5 (pthread_join)
// COND-DAG: Thread T1 waits on condvar C{{[0-9]+}} 'never' (0x{{[0-9a-f]+}}) (no signal since it began waiting), at:
// COND: syncsan: ending the deadlocked process
// COND-NOT: finished

// SILENT-NOT: SyncSanitizer
// SILENT: finished

// TIMED: ERROR: SyncSanitizer: deadlock: T{{[01]}} and T{{[01]}} are blocked waiting for each other (for at least {{[0-9]+}} ms); the cycle includes a timed wait (T0's), so it resolves when that wait times out
// TIMED-DAG: Thread T0 waits (with a timeout) for T1 to end (a join), at:
// TIMED-DAG: #0 main {{.*}}deadlock-join.c:112:14 (pthread_timedjoin_np)
// TIMED-NOT: ending the deadlocked process
// TIMED: timedjoin: timed out
// TIMED-NOT: SyncSanitizer: {{[a-z-]+}}:
// TIMED: finished

// SIGNALLED: ERROR: SyncSanitizer: deadlock: T{{[01]}} and T{{[01]}} are blocked waiting for each other (for at least {{[0-9]+}} ms)
// SIGNALLED-DAG: Thread T0 waits for T1 to end (a join), at:
// SIGNALLED-DAG: #0 main {{.*}}deadlock-join.c:99:5 (pthread_join)
// SIGNALLED-DAG: T0 holds mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}), acquired at:
// SIGNALLED-DAG: Thread T1 waits on condvar C{{[0-9]+}} 'never' (0x{{[0-9a-f]+}}) (signalled since; it must re-acquire mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}), held by T0), at:
// SIGNALLED-DAG: #0 signalled_waiter {{.*}}deadlock-join.c:64:5 (pthread_cond_wait)
// SIGNALLED: syncsan: ending the deadlocked process
// SIGNALLED-NOT: finished
