// queue-recv-after-close: a pop whose declaration says strict_close, on a
// closed queue that is certainly drained (every push that took effect,
// or is in flight, has been popped). Near misses: a strict pop that
// drains what is left after the close, and a plain pop on a closed,
// drained queue (how a consumer learns of the close) stay silent.
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
  syncsan_queue_set_name(q, "results");
  BQ_PUSH(q, 1);
  BQ_PUSH(q, 2);
  BQ_CLOSE(q);
  int v, got = 0;
  got += BQ_POP_STRICT(q, &v) == 0;
  got += BQ_POP_STRICT(q, &v) == 0;
  fprintf(stderr, "popped %d\n", got);
  if (fire)
    fprintf(stderr, "strict pop: %d\n", BQ_POP_STRICT(q, &v));
  fprintf(stderr, "plain pop: %d\n", BQ_POP(q, &v));
  BQ_FREE(q);
  return 0;
}
// CHECK: popped 2
// CHECK: ERROR: SyncSanitizer: queue-recv-after-close: pop (bq_pop) from queue 'results' (0x{{[0-9a-f]+}}) after it was closed and drained: its declaration says (strict_close) that this must not happen
// CHECK: Pop by thread T0:
// CHECK-NEXT: #0 main {{.*}}recv-after-close.c:27:{{[0-9]+}}
// CHECK: queue 'results' (0x{{[0-9a-f]+}}) was closed (bq_close) by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}recv-after-close.c:21:{{[0-9]+}}
// CHECK: 2 items were pushed and 2 popped; none is left
// CHECK: SUMMARY: SyncSanitizer: queue-recv-after-close {{.*}}recv-after-close.c:27 in main
// CHECK: strict pop: -1
// CHECK: plain pop: -1
// OK: popped 2
// OK: plain pop: -1
