// queue-stall along a pipeline: the source is blocked pushing to 'stage1'
// because its only consumer, the middle stage, is itself blocked pushing
// to 'stage2', which nobody pops yet. Each stall is reported; the
// source's report says where the middle stage is: in its queue call, not
// in the condvar wait inside it. A late sink then drains the pipeline.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <syncsan/syncsan.h>
#include <time.h>

#include "Inputs/qwrap.h"

static struct bq *stage1, *stage2;

static void *middle(void *arg) {
  int v;
  while (BQ_POP(stage1, &v) == 0)
    BQ_PUSH(stage2, v);
  BQ_CLOSE(stage2);
  return arg;
}

static void *sink(void *arg) {
  struct timespec ts = {0, 700 * 1000000};
  nanosleep(&ts, NULL);
  int v, n = 0;
  while (BQ_POP(stage2, &v) == 0)
    n++;
  fprintf(stderr, "sink got %d\n", n);
  return arg;
}

int main(void) {
  stage1 = BQ_NEW(1);
  stage2 = BQ_NEW(1);
  syncsan_queue_set_name(stage1, "stage1");
  syncsan_queue_set_name(stage2, "stage2");
  pthread_t m, s;
  pthread_create(&m, NULL, middle, NULL);
  pthread_create(&s, NULL, sink, NULL);
  for (int i = 0; i < 4; i++)
    BQ_PUSH(stage1, i);
  BQ_CLOSE(stage1);
  pthread_join(m, NULL);
  pthread_join(s, NULL);
  return 0;
}
// CHECK-DAG: ERROR: SyncSanitizer: queue-stall: thread T1 has been blocked pushing to queue 'stage2' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (1 of 1 items)
// CHECK-DAG: no thread has ever popped from it
// CHECK-DAG: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked pushing to queue 'stage1' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (1 of 1 items)
// CHECK-DAG: T1: blocked pushing to queue 'stage2' (0x{{[0-9a-f]+}}) at {{.*}}stall-chain.c:20:{{[0-9]+}}
// CHECK: sink got 4
