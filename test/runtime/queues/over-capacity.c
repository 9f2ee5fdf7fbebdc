// queue-over-capacity: a deliberately broken bounded queue whose push
// ignores its capacity holds 5 items in a queue of 4 while the program
// pops and pushes one at a time; the check looks at one push in 64 per
// thread (and the monitor every 50 ms) and reports at the first look:
// here the thread's 64th push. The near miss: the same queue working,
// kept full at its capacity the same way, stays silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t fire 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>

#include "Inputs/qwrap.h"

int main(int argc, char **argv) {
  int fire = argc > 1 && !strcmp(argv[1], "fire");
  struct bq *q = BQ_NEW(4);
  syncsan_queue_set_name(q, "frames");
  bq_broken(q, fire);
  for (int i = 0; i < 4; i++)
    BQ_PUSH(q, i);
  int v;
  if (!fire)
    BQ_POP(q, &v);
  BQ_PUSH(q, 4);
  for (int i = 0; i < 200; i++) {
    BQ_POP(q, &v);
    BQ_PUSH(q, i);
  }
  fprintf(stderr, "held %u\n", q->n);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: queue-over-capacity: queue 'frames' (0x{{[0-9a-f]+}}) holds at least 5 items, more than its capacity 4: pushes that took effect exceed pops by more than the capacity
// CHECK: Push (bq_push) by thread T0:
// CHECK-NEXT: #0 main {{.*}}over-capacity.c:29:{{[0-9]+}}
// CHECK: queue 'frames' (0x{{[0-9a-f]+}}) (capacity 4) was created by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}over-capacity.c:18:{{[0-9]+}}
// CHECK: 64 pushes and 59 pops took effect so far (pops in flight counted as done)
// CHECK: SUMMARY: SyncSanitizer: queue-over-capacity {{.*}}over-capacity.c:29 in main
// CHECK-NOT: queue-over-capacity
// CHECK: held 5
// OK: held 4
