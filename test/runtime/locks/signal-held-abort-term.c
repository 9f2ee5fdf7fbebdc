// The process ended by a signal while the main thread holds locks: abort()
// (a failed assert) with an rwlock held for reading and a recursive mutex
// locked twice, and SIGTERM sent with kill() to itself. The held locks are
// reported (lock-held-at-exit, naming the signal and that the process raised it itself) and the
// process still dies of its signal: SIGABRT (134), SIGTERM (143).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 134 sh -c 'ulimit -c 0; exec "$0" abort' %t 2>&1 | FileCheck %s --check-prefix=ABRT
// RUN: %expect-exit 143 %t term 2>&1 | FileCheck %s --check-prefix=TERM
// RUN: env SYNCSAN_OPTIONS=log_format=json %expect-exit 143 %t term 2>&1 | FileCheck %s --check-prefix=JSON
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t g_rec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_mutex_t g_term = PTHREAD_MUTEX_INITIALIZER;

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "abort")) {
    pthread_rwlock_rdlock(&g_rw);
    pthread_mutex_lock(&g_rec);
    pthread_mutex_lock(&g_rec);
    assert(argc == 1 && "fails");
  } else {
    pthread_mutex_lock(&g_term);
    kill(getpid(), SIGTERM);
  }
  fprintf(stderr, "not reached\n");
  return 0;
}
// ABRT: Assertion
// ABRT: ERROR: SyncSanitizer: lock-held-at-exit: the process ends on SIGABRT (raised by the process itself) in thread T0, which holds 2 locks
// ABRT-NEXT: SIGABRT in thread T0 at:
// ABRT: main {{.*}}signal-held-abort-term.c:27
// ABRT: Held: rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}) (for reading), acquired at:
// ABRT-NEXT: #0 main {{.*}}signal-held-abort-term.c:24:5 (pthread_rwlock_rdlock)
// ABRT: Held: mutex M{{[0-9]+}} 'g_rec' (0x{{[0-9a-f]+}}), locked 2 times, first acquired at:
// ABRT-NEXT: #0 main {{.*}}signal-held-abort-term.c:25:5 (pthread_mutex_lock)
// ABRT: SUMMARY: SyncSanitizer: lock-held-at-exit {{.*}}signal-held-abort-term.c:25 in main
// ABRT-NOT: not reached

// TERM: ERROR: SyncSanitizer: lock-held-at-exit: the process ends on SIGTERM (raised by the process itself) in thread T0, which holds 1 lock
// TERM-NEXT: SIGTERM in thread T0 at:
// TERM: Held: mutex M{{[0-9]+}} 'g_term' (0x{{[0-9a-f]+}}), acquired at:
// TERM-NEXT: #0 main {{.*}}signal-held-abort-term.c:29:5 (pthread_mutex_lock)
// TERM: SUMMARY: SyncSanitizer: lock-held-at-exit {{.*}}signal-held-abort-term.c:29 in main
// TERM-NOT: not reached

// JSON: {"tool":"syncsan"{{.*}}"check":"lock-held-at-exit"{{.*}}the process ends on SIGTERM
