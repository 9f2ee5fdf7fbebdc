// A program with its own OpenMP tool (its own ompt_start_tool) keeps it:
// syncsan's definition is weak, so the link has one definition, the
// program's, which libomp calls; syncsan's OpenMP barrier checks are then
// off: the divergence below gets no barrier report. (libomp's idle threads
// end up blocked in pthread condvar waits, which the lock watchdog sees:
// every thread blocked, so it still ends the hang as a deadlock.)
// REQUIRES: openmp
// RUN: %syncsan-cc %O -g %openmp %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=100 %expect-exit 66 timeout 20 %t part 2>&1 | FileCheck %s --check-prefix=PART --implicit-check-not=barrier-
#include <omp-tools.h>
#include <omp.h>
#include <stdio.h>

static int init(ompt_function_lookup_t lookup, int device, ompt_data_t *data) {
  (void)lookup, (void)device, (void)data;
  fprintf(stderr, "own tool initialised\n");
  return 1;
}
static void fini(ompt_data_t *data) { (void)data; }

ompt_start_tool_result_t *ompt_start_tool(unsigned int version, const char *runtime) {
  (void)version, (void)runtime;
  static ompt_start_tool_result_t result = {init, fini, {0}};
  return &result;
}

int main(int argc, char **argv) {
  int part = argc > 1;
#pragma omp parallel num_threads(2)
  {
    if (!part || omp_get_thread_num() == 0) {
#pragma omp barrier
    }
  }
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: own tool initialised
// CHECK: done
// PART: own tool initialised
// PART: ERROR: SyncSanitizer: deadlock:
// PART-NOT: done
