// barrier-stall: a phase not complete within barrier_timeout_ms. Two of
// three participants wait; the third, which used the barrier before, is
// blocked joining a thread that sleeps, and the report says so. With
// barrier_stall_action=abort the process ends (exitcode); with the default,
// report, it keeps waiting and finishes when the late thread arrives. The
// near miss: the same late arrival well within the default timeout.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t 3000 2>&1 | FileCheck %s --check-prefixes=CHECK,ABORT
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200 %expect-exit 66 %t 1500 2>&1 | FileCheck %s --check-prefixes=CHECK,REPORT
// RUN: %expect-exit 0 %t 50 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// A value outside report|abort is an option error; report stays.
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=explode %expect-exit 66 %t 1500 2>&1 | FileCheck %s --check-prefixes=BAD,REPORT
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_barrier_t bar;
static long late_ms;

static void *sleeper(void *arg) {
  struct timespec ts = {late_ms / 1000, (late_ms % 1000) * 1000000};
  nanosleep(&ts, NULL);
  return arg;
}

static void *late(void *arg) {
  pthread_barrier_wait(&bar);
  pthread_t s;
  pthread_create(&s, NULL, sleeper, NULL);
  pthread_join(s, NULL);
  pthread_barrier_wait(&bar);
  return arg;
}

static void *prompt(void *arg) {
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&bar);
  return arg;
}

int main(int argc, char **argv) {
  late_ms = argc > 1 ? atol(argv[1]) : 50;
  pthread_barrier_init(&bar, NULL, 3);
  pthread_t a, b;
  pthread_create(&a, NULL, late, NULL);
  pthread_create(&b, NULL, prompt, NULL);
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&bar);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// BAD: bad value 'explode' for option 'barrier_stall_action'; ignored (valid: report|abort; keeping 'report')
// CHECK: ERROR: SyncSanitizer: barrier-stall: barrier 'bar' (0x{{[0-9a-f]+}}) has not completed its phase for {{[0-9]+}} ms: 2 of 3 participants arrived
// CHECK-DAG: Thread T{{[02]}} waits at:
// CHECK-DAG: #0 prompt {{.*}}barrier-stall.c:38:3 (pthread_barrier_wait)
// CHECK-DAG: #0 main {{.*}}barrier-stall.c:49:3 (pthread_barrier_wait)
// CHECK: barrier 'bar' (0x{{[0-9a-f]+}}) was initialised with count 3 by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}barrier-stall.c:44:3 (pthread_barrier_init)
// CHECK-NEXT: 1 participant is missing; threads that used the barrier before and have not arrived:
// CHECK-NEXT: T1: blocked joining T3 at {{.*}}barrier-stall.c:31:3
// CHECK: SUMMARY: SyncSanitizer: barrier-stall {{.*}}barrier-stall.c:{{38|49}} in {{prompt|main}}
// ABORT: syncsan: ending the stalled process (barrier_stall_action=report lets it wait)
// ABORT-NOT: done
// REPORT-NOT: ending the stalled process
// REPORT: done
// OK: done
