// barrier-destroy-in-use: a barrier destroyed, or initialised again, while
// a thread is blocked in it (it never returns). glibc's destroy then waits
// for the waiter for ever, so the stall check, with abort, ends the
// process after its own report. The re-init returns, and main exits. The
// near miss destroys after the phase completed.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t destroy 2>&1 | FileCheck %s --check-prefixes=CHECK,DESTROY
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t reinit 2>&1 | FileCheck %s --check-prefixes=CHECK,REINIT
// RUN: env SYNCSAN_OPTIONS=barrier_stall_action=abort %expect-exit 0 %t after 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "Inputs/blocked.h"

static pthread_barrier_t bar;
static pid_t waiter_tid;

static void *waiter(void *arg) {
  __atomic_store_n(&waiter_tid, test_gettid(), __ATOMIC_RELEASE);
  pthread_barrier_wait(&bar);
  return arg;
}

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  pthread_barrier_init(&bar, NULL, 2);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  if (!strcmp(m, "after")) {
    pthread_barrier_wait(&bar);
    pthread_barrier_destroy(&bar);
    pthread_join(t, NULL);
    fprintf(stderr, "done\n");
    return 0;
  }
  while (!__atomic_load_n(&waiter_tid, __ATOMIC_ACQUIRE))
    ;
  wait_blocked(waiter_tid);
  if (!strcmp(m, "destroy"))
    pthread_barrier_destroy(&bar);
  else
    pthread_barrier_init(&bar, NULL, 2);
  fprintf(stderr, "main returns\n");
  return 0;
}
// DESTROY: ERROR: SyncSanitizer: barrier-destroy-in-use: thread T0 destroys barrier 'bar' (0x{{[0-9a-f]+}}) while 1 of its 2 participants is blocked waiting on it: they never return
// DESTROY-NEXT: Destruction by thread T0:
// DESTROY-NEXT: #0 main {{.*}}barrier-destroy-in-use.c:41:5 (pthread_barrier_destroy)
// REINIT: ERROR: SyncSanitizer: barrier-destroy-in-use: thread T0 re-initialises barrier 'bar' (0x{{[0-9a-f]+}}) while 1 of its 2 participants is blocked waiting on it: they never return
// REINIT-NEXT: Re-initialisation by thread T0:
// REINIT-NEXT: #0 main {{.*}}barrier-destroy-in-use.c:43:5 (pthread_barrier_init)
// CHECK-NEXT: Thread T1 waits at:
// CHECK-NEXT: #0 waiter {{.*}}barrier-destroy-in-use.c:21:3 (pthread_barrier_wait)
// CHECK-NEXT: barrier 'bar' (0x{{[0-9a-f]+}}) was initialised with count 2 by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}barrier-destroy-in-use.c:27:3 (pthread_barrier_init)
// CHECK: SUMMARY: SyncSanitizer: barrier-destroy-in-use {{.*}}barrier-destroy-in-use.c:{{41|43}} in main
// DESTROY: ERROR: SyncSanitizer: barrier-stall: barrier 'bar' (0x{{[0-9a-f]+}}) has not completed its phase for {{[0-9]+}} ms: 1 of 2 participants arrived
// DESTROY: syncsan: ending the stalled process
// DESTROY-NOT: main returns
// REINIT: main returns
// OK: done
