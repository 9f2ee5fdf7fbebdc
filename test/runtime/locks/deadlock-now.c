// A deadlock that is certain the moment a thread blocks is reported then,
// not after deadlock_timeout_ms: T1 holds 'left' and blocks on 'right'; T2
// holds 'right' and asks for 'left', whose holder (T1) is blocked on a
// lock T2 holds. The watchdog's timeout is 60 s here, far past `timeout`,
// so only the check at blocking time can report. The lock-order inversion
// is reported too (before the acquire). Whichever thread blocks second
// closes the cycle; it is named first.
// RUN: %syncsan-cc %O -g %s -o %t
// Default action (abort): the process ends with exitcode at once.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000 %expect-exit 66 timeout 30 %t mutex 2>&1 | FileCheck %s --check-prefixes=CHECK,ABORT
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000 %expect-exit 66 timeout 30 %t mtx 2>&1 | FileCheck %s --check-prefix=C11
// An rwlock: T1 holds 'rw' shared, T2 wants it exclusive while holding 'm2'.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000 %expect-exit 66 timeout 30 %t rwlock 2>&1 | FileCheck %s --check-prefix=RW
// fail: the acquisition that closes the cycle returns EDEADLK (thrd_error
// for mtx_lock) without blocking; the program backs off, the other thread
// gets its lock, and both finish. Errors were reported: exitcode.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 66 timeout 30 %t mutex 2>&1 | FileCheck %s --check-prefixes=CHECK,FAIL
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 66 timeout 30 %t mtx 2>&1 | FileCheck %s --check-prefix=C11FAIL
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 66 timeout 30 %t rwlock 2>&1 | FileCheck %s --check-prefix=RWFAIL
// Spinlocks: reported at once too; fail cannot refuse pthread_spin_lock
// (its EDEADLK means "you hold it"), so both threads are left to spin until
// `timeout` ends them.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000 %expect-exit 66 timeout 30 %t spin 2>&1 | FileCheck %s --check-prefix=SPIN
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 124 timeout 3 %t spin 2>&1 | FileCheck %s --check-prefix=SPINFAIL
// Threads with the smallest stack the C library allows: the check and its
// report fit (the check's copies are not on the stack).
// The program's attribute object still says what it set.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 66 timeout 30 %t mutex small 2>&1 | FileCheck %s --check-prefixes=CHECK,FAIL
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=fail %expect-exit 66 timeout 30 %t mutex small 2>&1 | FileCheck %s --check-prefix=SMALL
// SMALL: stack size attribute kept
// hang: reported at once, then the threads block until `timeout` ends them.
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=60000:deadlock_action=hang %expect-exit 124 timeout 4 %t mutex 2>&1 | FileCheck %s --check-prefix=HANG
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

pthread_mutex_t left = PTHREAD_MUTEX_INITIALIZER, right = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
mtx_t c_left, c_right;
pthread_spinlock_t s_left, s_right;
static pthread_barrier_t both_hold;
static const char *what;

static void take(int first, int write) {
  if (!strcmp(what, "mutex")) {
    pthread_mutex_t *a = first ? &left : &right, *b = first ? &right : &left;
    pthread_mutex_lock(a);
    pthread_barrier_wait(&both_hold);
    int rc = pthread_mutex_lock(b);
    if (rc == 0)
      pthread_mutex_unlock(b);
    else
      fprintf(stderr, "backed off: %s\n", rc == EDEADLK ? "EDEADLK" : "other");
    pthread_mutex_unlock(a);
  } else if (!strcmp(what, "mtx")) {
    mtx_t *a = first ? &c_left : &c_right, *b = first ? &c_right : &c_left;
    mtx_lock(a);
    pthread_barrier_wait(&both_hold);
    int rc = mtx_lock(b);
    if (rc == thrd_success)
      mtx_unlock(b);
    else
      fprintf(stderr, "backed off: %s\n", rc == thrd_error ? "thrd_error" : "other");
    mtx_unlock(a);
  } else if (!strcmp(what, "spin")) {
    pthread_spinlock_t *a = first ? &s_left : &s_right, *b = first ? &s_right : &s_left;
    pthread_spin_lock(a);
    pthread_barrier_wait(&both_hold);
    pthread_spin_lock(b);
    pthread_spin_unlock(b);
    pthread_spin_unlock(a);
  } else {
    int rc;
    if (write) {
      pthread_mutex_lock(&m2);
      pthread_barrier_wait(&both_hold);
      rc = pthread_rwlock_wrlock(&rw);
      if (rc == 0)
        pthread_rwlock_unlock(&rw);
      pthread_mutex_unlock(&m2);
    } else {
      pthread_rwlock_rdlock(&rw);
      pthread_barrier_wait(&both_hold);
      rc = pthread_mutex_lock(&m2);
      if (rc == 0)
        pthread_mutex_unlock(&m2);
      pthread_rwlock_unlock(&rw);
    }
    if (rc)
      fprintf(stderr, "backed off: %s\n", rc == EDEADLK ? "EDEADLK" : "other");
  }
}

static void *one(void *arg) {
  take(1, 0);
  return arg;
}

static void *two(void *arg) {
  take(0, 1);
  return arg;
}

int main(int argc, char **argv) {
  what = argc > 1 ? argv[1] : "mutex";
  mtx_init(&c_left, mtx_plain);
  mtx_init(&c_right, mtx_plain);
  pthread_spin_init(&s_left, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_init(&s_right, PTHREAD_PROCESS_PRIVATE);
  pthread_t a, b;
  pthread_barrier_init(&both_hold, NULL, 2);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  if (argc > 2 && !strcmp(argv[2], "small"))
    pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN);
  pthread_create(&a, &attr, one, NULL);
  pthread_create(&b, &attr, two, NULL);
  size_t size;
  pthread_attr_getstacksize(&attr, &size);
  if (argc > 2 && size == PTHREAD_STACK_MIN)
    fprintf(stderr, "stack size attribute kept\n");
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  fprintf(stderr, "both finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK: ERROR: SyncSanitizer: deadlock: T[[CLOSER:[12]]] and T{{[12]}} are blocked waiting for each other (certain as T[[CLOSER]] blocks: every other wait in the cycle is on a lock held inside it)
// CHECK-DAG: Thread T1 waits for mutex M{{[0-9]+}} 'right' (0x{{[0-9a-f]+}}), held by T2, at:
// CHECK-DAG: #0 take {{.*}}deadlock-now.c:53:14 (pthread_mutex_lock)
// CHECK-DAG: T1 holds mutex M{{[0-9]+}} 'left' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-DAG: Thread T2 waits for mutex M{{[0-9]+}} 'left' (0x{{[0-9a-f]+}}), held by T1, at:
// CHECK-DAG: T2 holds mutex M{{[0-9]+}} 'right' (0x{{[0-9a-f]+}}), acquired at:
// CHECK: SUMMARY: SyncSanitizer: deadlock {{.*}}deadlock-now.c:53 in take
// ABORT: syncsan: ending the deadlocked process
// ABORT-NOT: both finished
// FAIL-NOT: ending the deadlocked process
// FAIL: syncsan: deadlock_action=fail: thread T[[CLOSER]]'s acquisition, which closes the cycle, returns EDEADLK without locking
// FAIL: backed off: EDEADLK
// FAIL-NOT: SyncSanitizer: deadlock
// FAIL: both finished

// C11: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (certain as
// C11-DAG: Thread T1 waits for mtx M{{[0-9]+}} 'c_right' (0x{{[0-9a-f]+}}), held by T2, at:
// C11-DAG: Thread T2 waits for mtx M{{[0-9]+}} 'c_left' (0x{{[0-9a-f]+}}), held by T1, at:
// C11: syncsan: ending the deadlocked process
// C11FAIL: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (certain as
// C11FAIL: returns thrd_error without locking
// C11FAIL: backed off: thrd_error
// C11FAIL: both finished

// RW: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (certain as
// RW-DAG: Thread T1 waits for mutex M{{[0-9]+}} 'm2' (0x{{[0-9a-f]+}}), held by T2, at:
// RW-DAG: T1 holds rwlock M{{[0-9]+}} 'rw' (0x{{[0-9a-f]+}}), acquired at:
// RW-DAG: Thread T2 waits for rwlock M{{[0-9]+}} 'rw' (0x{{[0-9a-f]+}}), held by T1, at:
// RW: syncsan: ending the deadlocked process
// RWFAIL: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (certain as
// RWFAIL: returns EDEADLK without locking
// RWFAIL: backed off: EDEADLK
// RWFAIL: both finished

// HANG: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (certain as
// HANG-NOT: ending the deadlocked process
// HANG-NOT: both finished

// SPIN: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (certain as
// SPIN-DAG: Thread T1 waits for spinlock M{{[0-9]+}} 's_right' (0x{{[0-9a-f]+}}), held by T2, at:
// SPIN-DAG: Thread T2 waits for spinlock M{{[0-9]+}} 's_left' (0x{{[0-9a-f]+}}), held by T1, at:
// SPIN: syncsan: ending the deadlocked process
// SPIN-NOT: both finished
// SPINFAIL: ERROR: SyncSanitizer: deadlock: T{{[12]}} and T{{[12]}} are blocked waiting for each other (certain as
// SPINFAIL: syncsan: deadlock_action=fail does not refuse pthread_spin_lock; thread T{{[12]}} is left to spin
// SPINFAIL-NOT: both finished
