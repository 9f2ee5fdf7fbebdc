// The barrier family's options: help=1 lists them; a full table
// (max_barriers) warns once and leaves the barriers past it unchecked, the
// program running as before; barrier_timeout_ms=0 turns the stall check
// off (a phase 400 ms late is reported with 100 ms, not with 0).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=help=1 %expect-exit 0 %t 0 2>&1 | FileCheck %s --check-prefix=HELP
// RUN: env SYNCSAN_OPTIONS=max_barriers=1 %expect-exit 0 %t 0 2>&1 | FileCheck %s --check-prefix=FULL --implicit-check-not=ERROR
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=0 %expect-exit 0 %t 400 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=100 %expect-exit 66 %t 1500 2>&1 | FileCheck %s --check-prefix=ON
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_barrier_t first, second;
static long late_ms;

static void *worker(void *arg) {
  struct timespec ts = {late_ms / 1000, (late_ms % 1000) * 1000000};
  nanosleep(&ts, NULL);
  for (int i = 0; i < 100; i++) {
    pthread_barrier_wait(&first);
    pthread_barrier_wait(&second);
  }
  return arg;
}

int main(int argc, char **argv) {
  late_ms = argc > 1 ? atol(argv[1]) : 0;
  pthread_barrier_init(&first, NULL, 2);
  pthread_barrier_init(&second, NULL, 2);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  for (int i = 0; i < 100; i++) {
    pthread_barrier_wait(&first);
    pthread_barrier_wait(&second);
  }
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// HELP: barrier_timeout_ms
// HELP: barrier_stall_action
// HELP: max_barriers
// HELP: barrier_openmp
// FULL: more than max_barriers=1 barriers and OpenMP teams; later ones are not checked
// FULL-NOT: max_barriers
// FULL: done
// OFF: done
// ON: ERROR: SyncSanitizer: barrier-stall: barrier 'first' (0x{{[0-9a-f]+}}) has not completed its phase for {{[0-9]+}} ms: 1 of 2 participants arrived
// ON: 1 participant is missing; no thread that used the barrier before is missing (the rest never arrived at it)
// ON: done
