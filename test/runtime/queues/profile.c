// profile_queues=1: a table of every queue's figures at exit, sorted by
// blocked time (most first), queues destroyed before the exit included;
// the same as one JSON object with log_format=json. Without the option,
// nothing is printed.
// (The occupancy maximum is the most seen at sampled pushes, one in 64,
// and at looks such as this table's: 0 or 1 here.)
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=profile_queues=1 %expect-exit 0 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=profile_queues=1:log_format=json %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <syncsan/syncsan.h>
#include <time.h>

#include "Inputs/qwrap.h"

static struct bq *hot;

static void *late_producer(void *arg) {
  struct timespec ts = {0, 150 * 1000000};
  nanosleep(&ts, NULL);
  BQ_PUSH(hot, 1);
  return arg;
}

int main(void) {
  hot = BQ_NEW(4);
  syncsan_queue_set_name(hot, "hot");
  struct bq *cold = BQ_NEW(16);
  syncsan_queue_set_name(cold, "cold");
  struct bq *temp = BQ_NEW(2);
  syncsan_queue_set_name(temp, "temp");
  int v;
  for (int i = 0; i < 10; i++) {
    BQ_PUSH(cold, i);
    BQ_POP(cold, &v);
  }
  BQ_PUSH(cold, 99);
  BQ_PUSH(temp, 1);
  BQ_TRY_POP(temp, &v);
  BQ_TRY_POP(temp, &v);
  BQ_FREE(temp);
  pthread_t t;
  pthread_create(&t, NULL, late_producer, NULL);
  BQ_POP(hot, &v);
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: done
// CHECK: SyncSanitizer: queue profile (profile_queues=1), by blocked time:
// CHECK-NEXT: queue queues pushes pops fail push fail pop stalls occ max occ mean capacity push blk ms pop blk ms pops/s p50 us p99 us
// CHECK-NEXT: 'hot' 1 1 1 0 0 0 {{[01]}} {{[0-9.]+}} 4 0 {{[1-9][0-9]+}} {{[0-9.]+}} {{[0-9]+}} {{[0-9]+}}
// CHECK-NEXT: 'cold' 1 11 10 0 0 0 {{[01]}} {{[0-9.]+}} 16 0 0
// CHECK-NEXT: 'temp' 1 1 1 0 1 0 {{[01]}} {{[0-9.]+}} 2 0 0
// JSON: {"tool":"syncsan","pid":{{[0-9]+}},"queue_profile":[{"queue":"'hot'","queues":1,"pushes":1,"pops":1,"failed_pushes":0,"failed_pops":0,"stalls":0,"occupancy_max":{{[01]}},"occupancy_mean":{{[0-9.]+}},"capacity":4,"push_blocked_ns":0,"pop_blocked_ns":{{[1-9][0-9]+}},"throughput":{{[0-9.]+}},"latency_samples":{{[0-9]+}},"latency_p50_ns":{{[0-9]+}},"latency_p99_ns":{{[0-9]+}}},{"queue":"'cold'","queues":1,"pushes":11,"pops":10,{{.*}}},{"queue":"'temp'",{{.*}}}]}
// OFF: done
// OFF-NOT: queue profile
