// The same rules per OpenMP team: thread 0 waits at an explicit barrier
// holding a pthread mutex that the team's other threads must take before
// they arrive (barrier-lock-held, from the stall check). Thread 0 takes the
// mutex before the first barrier, so the others find it held whatever the
// scheduling. The near miss takes no lock on thread 0.
// REQUIRES: openmp
// RUN: %syncsan-cc %O -g %openmp %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t needed 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=barrier_stall_action=abort %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <omp.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(int argc, char **argv) {
  int needed = argc > 1;
#pragma omp parallel num_threads(3)
  {
    int me = omp_get_thread_num();
    if (me == 0 && needed)
      pthread_mutex_lock(&m);
#pragma omp barrier
    if (me == 0) {
#pragma omp barrier
      if (needed)
        pthread_mutex_unlock(&m);
    } else {
      pthread_mutex_lock(&m);
      pthread_mutex_unlock(&m);
#pragma omp barrier
    }
  }
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-lock-held: thread T0 waits at a barrier of OpenMP team 0x{{[0-9a-f]+}} holding mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}), which participant T{{[12]}} is blocked acquiring before it can arrive
// CHECK-NEXT: Thread T0 waits at the barrier at:
// CHECK-NEXT: #0 {{.*}}omp-lock-held.c:25:1 (OpenMP barrier)
// CHECK-NEXT: T0 acquired mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}) at:
// CHECK-NEXT: #0 {{.*}}omp-lock-held.c:22:7 (pthread_mutex_lock)
// CHECK-NEXT: Thread T{{[12]}} waits for mutex M{{[0-9]+}} 'm' (0x{{[0-9a-f]+}}), held by T0, at:
// CHECK-NEXT: #0 {{.*}}omp-lock-held.c:29:7 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: barrier-lock-held {{.*}}omp-lock-held.c:25
// CHECK: syncsan: ending the stalled process
// CHECK-NOT: done
// OK: done
