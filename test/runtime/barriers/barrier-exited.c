// barrier-count-mismatch from the stall check: a participant that used the
// barrier exits early, so the next phase can never complete (2 of 3 wait,
// no live thread that used it is left to come). The near miss: the exited
// thread's place is taken by a new thread, which completes the phase.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t exit 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=barrier_stall_action=abort %expect-exit 0 %t replace 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_barrier_t bar;

static void *quitter(void *arg) {
  pthread_barrier_wait(&bar);
  return arg; /* leaves before the second phase */
}

static void *stayer(void *arg) {
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&bar);
  return arg;
}

static void *replacement(void *arg) {
  pthread_barrier_wait(&bar);
  return arg;
}

int main(int argc, char **argv) {
  pthread_barrier_init(&bar, NULL, 3);
  pthread_t q, s, r;
  pthread_create(&q, NULL, quitter, NULL);
  pthread_create(&s, NULL, stayer, NULL);
  pthread_barrier_wait(&bar);
  pthread_join(q, NULL);
  if (argc > 1 && !strcmp(argv[1], "replace")) {
    pthread_create(&r, NULL, replacement, NULL);
    pthread_barrier_wait(&bar);
    pthread_join(r, NULL);
  } else {
    pthread_barrier_wait(&bar);
  }
  pthread_join(s, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-count-mismatch: barrier 'bar' (0x{{[0-9a-f]+}}) can never complete its phase: 2 of 3 participants wait, 1 thread that used it before has exited, and 0 live ones are left to arrive (waiting for at least {{[0-9]+}} ms)
// CHECK-DAG: #0 stayer {{.*}}barrier-exited.c:21:3 (pthread_barrier_wait)
// CHECK-DAG: #0 main {{.*}}barrier-exited.c:42:5 (pthread_barrier_wait)
// CHECK: 1 participant is missing; threads that used the barrier before and have not arrived:
// CHECK-NEXT: T1: exited
// CHECK: SUMMARY: SyncSanitizer: barrier-count-mismatch
// CHECK: syncsan: ending the stalled process
// CHECK-NOT: done
// OK: done
