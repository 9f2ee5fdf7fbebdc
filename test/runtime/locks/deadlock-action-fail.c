// deadlock_action=fail: a blocking acquisition that is a certain
// self-deadlock is reported, then fails with its API's error (EDEADLK;
// thrd_error for mtx_lock) without locking, so a program that checks the
// result recovers. Nothing is recorded as held: the one unlock that
// follows is silent, and the lock works as before afterwards. The errors
// were reported, so the exit status is exitcode.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_action=fail %expect-exit 66 %t mutex 2>&1 | FileCheck %s --check-prefix=MUTEX
// RUN: env SYNCSAN_OPTIONS=deadlock_action=fail %expect-exit 66 %t rwlock 2>&1 | FileCheck %s --check-prefix=RWLOCK
// RUN: env SYNCSAN_OPTIONS=deadlock_action=fail %expect-exit 66 %t mtx 2>&1 | FileCheck %s --check-prefix=MTX
// RUN: env SYNCSAN_OPTIONS=deadlock_action=fail %expect-exit 66 %t spin 2>&1 | FileCheck %s --check-prefix=SPIN
// The new option wins over the older abort_on_deadlock.
// RUN: env SYNCSAN_OPTIONS=abort_on_deadlock=1:deadlock_action=fail %expect-exit 66 %t mutex 2>&1 | FileCheck %s --check-prefix=MUTEX
// Near miss: with no deadlock, fail changes nothing.
// RUN: env SYNCSAN_OPTIONS=deadlock_action=fail %expect-exit 0 %t none 2>&1 | FileCheck %s --check-prefix=NONE --allow-empty
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static mtx_t c11;
static pthread_spinlock_t spin;

static void again(void) {
  /* The refused call left the stack as it was: a normal round is silent. */
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  if (!strcmp(what, "mutex")) {
    pthread_mutex_lock(&m);
    int rc = pthread_mutex_lock(&m);
    fprintf(stderr, "recovered: %s\n", rc == EDEADLK ? "EDEADLK" : "other");
    pthread_mutex_unlock(&m);
    again();
  } else if (!strcmp(what, "rwlock")) {
    pthread_rwlock_rdlock(&rw);
    int rc = pthread_rwlock_wrlock(&rw);
    fprintf(stderr, "recovered: %s\n", rc == EDEADLK ? "EDEADLK" : "other");
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_wrlock(&rw);
    pthread_rwlock_unlock(&rw);
  } else if (!strcmp(what, "mtx")) {
    mtx_init(&c11, mtx_plain);
    mtx_lock(&c11);
    int rc = mtx_lock(&c11);
    fprintf(stderr, "recovered: %s\n", rc == thrd_error ? "thrd_error" : "other");
    mtx_unlock(&c11);
    mtx_lock(&c11);
    mtx_unlock(&c11);
    mtx_destroy(&c11);
  } else if (!strcmp(what, "spin")) {
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    pthread_spin_lock(&spin);
    int rc = pthread_spin_lock(&spin);
    fprintf(stderr, "recovered: %s\n", rc == EDEADLK ? "EDEADLK" : "other");
    pthread_spin_unlock(&spin);
    pthread_spin_destroy(&spin);
  } else {
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_unlock(&rw);
  }
  fprintf(stderr, "program finished\n");
  return 0;
}
// MUTEX: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}) that it already holds; deadlock_action=fail: the call returns EDEADLK without locking
// MUTEX-NEXT: Second acquisition by thread T0:
// MUTEX-NEXT: #0 main {{.*}}deadlock-action-fail.c:37:14 (pthread_mutex_lock)
// MUTEX: First acquisition by thread T0, still held:
// MUTEX-NEXT: #0 main {{.*}}deadlock-action-fail.c:36:5 (pthread_mutex_lock)
// MUTEX-NOT: ending the process
// MUTEX: recovered: EDEADLK
// MUTEX-NOT: SyncSanitizer
// MUTEX: program finished

// RWLOCK: ERROR: SyncSanitizer: double-lock: thread T0 acquires rwlock M{{[0-9]+}} 'rw' (0x{{[0-9a-f]+}}) that it already holds; deadlock_action=fail: the call returns EDEADLK without locking
// RWLOCK-NEXT: Second acquisition by thread T0:
// RWLOCK-NEXT: #0 main {{.*}}deadlock-action-fail.c:43:14 (pthread_rwlock_wrlock)
// RWLOCK-NOT: ending the process
// RWLOCK: recovered: EDEADLK
// RWLOCK-NOT: SyncSanitizer
// RWLOCK: program finished

// MTX: ERROR: SyncSanitizer: double-lock: thread T0 acquires mtx M{{[0-9]+}} 'c11' (0x{{[0-9a-f]+}}) that it already holds; deadlock_action=fail: the call returns thrd_error without locking
// MTX-NEXT: Second acquisition by thread T0:
// MTX-NEXT: #0 main {{.*}}deadlock-action-fail.c:51:14 (mtx_lock)
// MTX-NOT: ending the process
// MTX: recovered: thrd_error
// MTX-NOT: SyncSanitizer
// MTX: program finished

// SPIN: ERROR: SyncSanitizer: double-lock: thread T0 acquires spinlock M{{[0-9]+}} 'spin' (0x{{[0-9a-f]+}}) that it already holds; deadlock_action=fail: the call returns EDEADLK without locking
// SPIN-NOT: ending the process
// SPIN: recovered: EDEADLK
// SPIN-NOT: SyncSanitizer
// SPIN: program finished

// NONE-NOT: SyncSanitizer
// NONE: program finished
