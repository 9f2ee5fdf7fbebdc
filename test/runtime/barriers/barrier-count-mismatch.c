// barrier-count-mismatch at the call: an init with count 0 (the real init
// fails with EINVAL, returned unchanged), and a pool of threads larger
// than the count (4 threads each waiting once on a barrier of 2, all alive
// until every one has waited: said at the third thread's wait, which
// counts 3 or, when the fourth registered before its check, 4). Near
// misses: count 1; two pools of 2, one after the other, on the same barrier
// (the first pool's threads have exited); and 40 pools of 2 in turn, more
// distinct threads than a barrier remembers (the slots of exited ones are
// reused; the core warns about its own limit on joined threads, which is
// no barrier report).// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t zero 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: %expect-exit 66 %t pool 2>&1 | FileCheck %s --check-prefix=POOL
// RUN: %expect-exit 0 %t one 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t pools 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t many 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=ERROR --implicit-check-not=barrier
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_barrier_t bar, all;
static int rounds;

static void *once(void *arg) {
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&all);
  return arg;
}

static void *worker(void *arg) {
  for (int i = 0; i < rounds; i++)
    pthread_barrier_wait(&bar);
  return arg;
}

static void pool(int n, int r) {
  pthread_t t[3];
  rounds = r;
  for (int i = 0; i < n; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
}

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  if (!strcmp(m, "zero")) {
    int rc = pthread_barrier_init(&bar, NULL, 0);
    fprintf(stderr, "init %s\n", rc == EINVAL ? "EINVAL" : "other");
  } else if (!strcmp(m, "one")) {
    pthread_barrier_init(&bar, NULL, 1);
    pthread_barrier_wait(&bar);
  } else if (!strcmp(m, "pool")) {
    pthread_t t[4];
    pthread_barrier_init(&bar, NULL, 2);
    pthread_barrier_init(&all, NULL, 5);
    for (int i = 0; i < 4; i++)
      pthread_create(&t[i], NULL, once, NULL);
    pthread_barrier_wait(&all);
    for (int i = 0; i < 4; i++)
      pthread_join(t[i], NULL);
  } else if (!strcmp(m, "many")) {
    pthread_barrier_init(&bar, NULL, 2);
    for (int i = 0; i < 40; i++)
      pool(2, 3);
  } else {
    pthread_barrier_init(&bar, NULL, 2);
    pool(2, 50);
    pool(2, 50);
  }
  fprintf(stderr, "done\n");
  return 0;
}
// ZERO: ERROR: SyncSanitizer: barrier-count-mismatch: thread T0 initialises barrier 'bar' (0x{{[0-9a-f]+}}) with count 0: pthread_barrier_init fails (EINVAL) and no wait on it can succeed
// ZERO-NEXT: Initialisation by thread T0:
// ZERO-NEXT: #0 main {{.*}}barrier-count-mismatch.c:48:14 (pthread_barrier_init)
// ZERO: SUMMARY: SyncSanitizer: barrier-count-mismatch {{.*}}barrier-count-mismatch.c:48 in main
// ZERO: init EINVAL

// POOL: ERROR: SyncSanitizer: barrier-count-mismatch: {{[34]}} distinct live threads wait on barrier 'bar' (0x{{[0-9a-f]+}}), whose count is 2: the pool is sized differently from the barrier, so its phases mix threads from different rounds (or one never completes)
// POOL-NEXT: Wait by thread T{{[1-4]}}, the user past the count:
// POOL-NEXT: #0 once {{.*}}barrier-count-mismatch.c:25:3 (pthread_barrier_wait)
// POOL-NEXT: barrier 'bar' (0x{{[0-9a-f]+}}) was initialised with count 2 by thread T0 at:
// POOL-NEXT: #0 main {{.*}}barrier-count-mismatch.c:55:5 (pthread_barrier_init)
// POOL-NEXT: Live threads that have waited on it: T{{[1-4]}} T{{[1-4]}} T{{[1-4]}}
// POOL: SUMMARY: SyncSanitizer: barrier-count-mismatch {{.*}}barrier-count-mismatch.c:25 in once
// POOL-NOT: SyncSanitizer: barrier
// POOL: done

// OK: done
