// syncsan_queue_metrics: the figures of a queue as the wrapped calls
// counted them (pushes and pops that took effect, failed ones, occupancy
// now and the most seen: at sampled pushes, one in 64, and at looks such as
// these calls, so 4 here while 8 were held between two looks; capacity from the create call or set_capacity), -1 for
// a queue syncsan does not know (never used, or destroyed), and the
// throughput since creation. A queue named and sized before its first
// operation (a lock-free ring whose init syncsan does not see) keeps both;
// a create where a used queue was is a new queue, counted from 0.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <stdio.h>
#include <syncsan/syncsan.h>

#include "Inputs/qwrap.h"

static void show(const char *what, const void *q) {
  struct syncsan_queue_metrics m;
  int rc = syncsan_queue_metrics(q, &m);
  if (rc) {
    fprintf(stderr, "%s: rc=%d\n", what, rc);
    return;
  }
  fprintf(stderr,
          "%s: pushes=%llu pops=%llu failed_pushes=%llu failed_pops=%llu occupancy=%llu "
          "max=%llu capacity=%llu stalls=%llu throughput>0=%d\n",
          what, m.pushes, m.pops, m.failed_pushes, m.failed_pops, m.occupancy, m.occupancy_max,
          m.capacity, m.stalls, m.throughput > 0);
}

int main(void) {
  struct bq *q = BQ_NEW(8);
  int v;
  for (int i = 0; i < 10; i++)
    if (BQ_TRY_PUSH(q, i))
      fprintf(stderr, "full at %d\n", i);
  for (int i = 0; i < 3; i++)
    BQ_POP(q, &v);
  BQ_TRY_POP(q, &v);
  show("bq", q);
  while (BQ_TRY_POP(q, &v) == 0) {
  }
  show("bq drained", q);
  BQ_FREE(q);
  show("bq destroyed", q);

  static struct spsc ring;
  show("ring unseen", &ring);
  syncsan_queue_set_name(&ring, "ring");
  syncsan_queue_set_capacity(&ring, 3);
  spsc_init(&ring, 3); /* not wrapped: syncsan does not see it */
  for (int i = 0; i < 5; i++)
    SPSC_PUSH(&ring, i);
  SPSC_POP(&ring, &v);
  show("ring", &ring);
  spsc_fini(&ring);
  SPSC_INIT(&ring, 5); /* a create at a used queue's address: a new queue */
  SPSC_PUSH(&ring, 1);
  show("ring again", &ring);
  fprintf(stderr, "null: %d\n", syncsan_queue_metrics(NULL, NULL));
  return 0;
}
// CHECK: full at 8
// CHECK-NEXT: full at 9
// CHECK-NEXT: bq: pushes=8 pops=4 failed_pushes=2 failed_pops=0 occupancy=4 max=4 capacity=8 stalls=0 throughput>0=1
// CHECK-NEXT: bq drained: pushes=8 pops=8 failed_pushes=2 failed_pops=1 occupancy=0 max=4 capacity=8 stalls=0 throughput>0=1
// CHECK-NEXT: bq destroyed: rc=-1
// CHECK-NEXT: ring unseen: rc=-1
// CHECK-NEXT: ring: pushes=3 pops=1 failed_pushes=2 failed_pops=0 occupancy=2 max=2 capacity=3 stalls=0 throughput>0=1
// CHECK-NEXT: ring again: pushes=1 pops=0 failed_pushes=0 failed_pops=0 occupancy=1 max=1 capacity=5 stalls=0 throughput>0=0
// CHECK-NEXT: null: -1
