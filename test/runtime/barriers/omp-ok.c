// Correct OpenMP code stays silent: explicit barriers in a loop, the
// implicit barriers of worksharing loops, single and a nested region, over
// many regions (libomp reuses its teams: each region is a new incarnation
// of the team's barriers, so the table does not grow with the regions).
// REQUIRES: openmp
// RUN: %syncsan-cc %O -g %openmp %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_stall_action=abort:max_barriers=64 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer --implicit-check-not=max_barriers
// CHECK: total 2000 singles 200
#include <omp.h>
#include <stdio.h>

int main(void) {
  long total = 0, singles = 0;
  for (int r = 0; r < 200; r++) {
#pragma omp parallel num_threads(4) reduction(+ : total)
    {
      for (int i = 0; i < 10; i++) {
#pragma omp barrier
      }
#pragma omp for
      for (int i = 0; i < 10; i++)
        total += 1;
#pragma omp single
      singles++;
#pragma omp parallel num_threads(2)
      {
#pragma omp barrier
      }
    }
  }
  fprintf(stderr, "total %ld singles %ld\n", total, singles);
  return 0;
}
