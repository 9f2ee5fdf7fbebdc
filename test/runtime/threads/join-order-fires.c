// Near misses of join-order-silent.c that are potential deadlocks and must
// still be reported. The steps are sequenced with flags (not joins, which
// would order them), so each run's report is certain:
//   concurrent  T1 takes 'table' -> 'stats', T2 (never joined by anyone
//               before) takes 'stats' -> 'table'.
//   retaken     T1 takes the edge, main joins T1 and takes the other order
//               (silent), then T2, created after the join, takes the edge
//               again: T2 and main overlap, T2 closes the cycle.
//   live-taker  the edge was taken by T1, joined, and by T2, alive: main's
//               other order closes a cycle with T2's.
//   late-closer T1 (alive all along, and it never joined T2) takes the
//               other order after main did, which was silent for main
//               only: T1 and T2 could have overlapped.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t concurrent 2>&1 | FileCheck %s --check-prefix=CONCURRENT
// RUN: %expect-exit 66 %t retaken 2>&1 | FileCheck %s --check-prefix=RETAKEN
// RUN: %expect-exit 66 %t live-taker 2>&1 | FileCheck %s --check-prefix=LIVE
// RUN: %expect-exit 66 %t late-closer 2>&1 | FileCheck %s --check-prefix=LATE

// CONCURRENT: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'stats' -> 'table' -> 'stats'
// CONCURRENT-NEXT: Thread T2 acquires 'table' while holding 'stats' (this closes the cycle):
// CONCURRENT: Thread T1 acquired 'stats' while holding 'table':
// CONCURRENT: SyncSanitizer: 1 error report

// RETAKEN: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'table' -> 'stats' -> 'table'
// RETAKEN-NEXT: Thread T2 acquires 'stats' while holding 'table' (this closes the cycle):
// RETAKEN-NEXT: #0 table_then_stats {{.*}}join-order-fires.c:[[#@LINE+23]]:3
// RETAKEN: Thread T0 acquired 'table' while holding 'stats':
// RETAKEN-NEXT: #0 stats_then_table {{.*}}join-order-fires.c:[[#@LINE+28]]:3
// RETAKEN: SyncSanitizer: 1 error report

// LIVE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'stats' -> 'table' -> 'stats'
// LIVE-NEXT: Thread T0 acquires 'table' while holding 'stats' (this closes the cycle):
// LIVE: acquired 'stats' while holding 'table':
// LIVE: SyncSanitizer: 1 error report

// LATE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'stats' -> 'table' -> 'stats'
// LATE-NEXT: Thread T1 acquires 'table' while holding 'stats' (this closes the cycle):
// LATE: Thread T2 acquired 'stats' while holding 'table':
// LATE: SyncSanitizer: 1 error report
#include <pthread.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t table = PTHREAD_MUTEX_INITIALIZER, stats = PTHREAD_MUTEX_INITIALIZER;
static int step; /* how far the run has got: written with atomics */

static void table_then_stats(void) {
  pthread_mutex_lock(&table);
  pthread_mutex_lock(&stats);
  pthread_mutex_unlock(&stats);
  pthread_mutex_unlock(&table);
}

static void stats_then_table(void) {
  pthread_mutex_lock(&stats);
  pthread_mutex_lock(&table);
  pthread_mutex_unlock(&table);
  pthread_mutex_unlock(&stats);
}

static void advance(int to) { __atomic_store_n(&step, to, __ATOMIC_RELEASE); }
static void await(int at) {
  while (__atomic_load_n(&step, __ATOMIC_ACQUIRE) < at) {
    struct timespec ms = {0, 1000 * 1000};
    nanosleep(&ms, NULL);
  }
}

static void *forward(void *arg) {
  table_then_stats();
  advance(1);
  return arg;
}

static void *backward_after_1(void *arg) {
  await(1);
  stats_then_table();
  return arg;
}

static void *backward_after_2(void *arg) {
  await(2);
  stats_then_table();
  return arg;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "concurrent";
  pthread_t t1, t2;
  if (!strcmp(mode, "concurrent")) {
    pthread_create(&t1, NULL, forward, NULL);
    pthread_create(&t2, NULL, backward_after_1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t1, NULL);
  } else if (!strcmp(mode, "retaken")) {
    pthread_create(&t1, NULL, forward, NULL);
    pthread_join(t1, NULL);
    stats_then_table(); /* silent: T1 is over */
    pthread_create(&t2, NULL, forward, NULL);
    pthread_join(t2, NULL);
  } else if (!strcmp(mode, "live-taker")) {
    pthread_create(&t1, NULL, forward, NULL);
    pthread_join(t1, NULL);
    advance(0);
    pthread_create(&t2, NULL, forward, NULL);
    await(1);
    stats_then_table(); /* T2 took the edge and is not joined */
    pthread_join(t2, NULL);
  } else {
    pthread_create(&t1, NULL, backward_after_2, NULL);
    pthread_create(&t2, NULL, forward, NULL);
    pthread_join(t2, NULL);
    stats_then_table(); /* silent for main: T2 is over */
    advance(2);
    pthread_join(t1, NULL);
  }
  return 0;
}
