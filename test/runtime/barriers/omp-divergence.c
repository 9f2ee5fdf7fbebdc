// OpenMP divergence: an explicit barrier under a thread-dependent condition
// is reached by only part of the team (2 of 4), while the rest wait at the
// implicit barrier that ends the parallel region. libomp hangs; the stall
// check reports the team (barrier-count-mismatch: it can never complete)
// with who waits where, and barrier_stall_action=abort ends the process.
// The near miss runs the same region with the barrier reached by all.
// barrier_openmp=0 leaves libomp's tool slot alone: no barrier report
// (libomp's threads then block in pthread condvar waits, and the lock
// watchdog ends the hang as a deadlock of every thread).
// REQUIRES: openmp
// RUN: %syncsan-cc %O -g %openmp %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t part 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=barrier_stall_action=abort %expect-exit 0 %t all 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=barrier_openmp=0:barrier_timeout_ms=200 %expect-exit 66 timeout 20 %t part 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=barrier-
#include <omp.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  int part = argc > 1 && !strcmp(argv[1], "part");
  int sum = 0;
#pragma omp parallel num_threads(4) reduction(+ : sum)
  {
    int me = omp_get_thread_num();
    if (!part || me < 2) {
#pragma omp barrier
    }
    sum += me;
  }
  fprintf(stderr, "sum %d\n", sum);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-count-mismatch: only part of OpenMP team 0x{{[0-9a-f]+}} (4 threads) reached the explicit barrier: 2 threads wait there and 2 at the implicit barrier at the end of the parallel region; neither can complete (waiting for at least {{[0-9]+}} ms)
// CHECK-COUNT-2: waits in the explicit barrier at:
// CHECK-NEXT: #0 {{.*}} {{.*}}omp-divergence.c:26:1 (OpenMP barrier)
// CHECK: waits in the implicit barrier at the end of the parallel region at:
// CHECK-NEXT: #0 main {{.*}}omp-divergence.c:22:1 (OpenMP implicit barrier)
// CHECK: Every thread of a team must reach the same barriers in the same order
// CHECK: SUMMARY: SyncSanitizer: barrier-count-mismatch {{.*}}omp-divergence.c:26
// CHECK: syncsan: ending the stalled process
// CHECK-NOT: sum
// OK: sum 6
// OFF: ERROR: SyncSanitizer: deadlock:
