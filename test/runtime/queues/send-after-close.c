// queue-send-after-close: a push that begins on a closed queue. The report
// names the queue, the push, and where and by whom it was closed; the
// push's own result (-1: closed) is the program's. The near miss: pushes
// before the close, then the consumer drains it (silent).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t fire 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=log_format=json %expect-exit 66 %t fire 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: %expect-exit 0 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>

#include "Inputs/qwrap.h"

int main(int argc, char **argv) {
  int fire = argc > 1 && !strcmp(argv[1], "fire");
  struct bq *q = BQ_NEW(4);
  syncsan_queue_set_name(q, "jobs");
  BQ_PUSH(q, 1);
  BQ_CLOSE(q);
  if (fire)
    fprintf(stderr, "push after close: %d\n", BQ_PUSH(q, 2));
  int v, n = 0;
  while (BQ_POP(q, &v) == 0)
    n++;
  fprintf(stderr, "drained %d\n", n);
  BQ_FREE(q);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: queue-send-after-close: push (bq_push) to queue 'jobs' (0x{{[0-9a-f]+}}) after it was closed
// CHECK: Push by thread T0:
// CHECK-NEXT: #0 main {{.*}}send-after-close.c:22:{{[0-9]+}}
// CHECK: queue 'jobs' (0x{{[0-9a-f]+}}) was closed (bq_close) by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}send-after-close.c:20:{{[0-9]+}}
// CHECK: queue 'jobs' (0x{{[0-9a-f]+}}) (capacity 4) was created by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}send-after-close.c:17:{{[0-9]+}}
// CHECK: SUMMARY: SyncSanitizer: queue-send-after-close {{.*}}send-after-close.c:22 in main
// CHECK: push after close: -1
// CHECK: drained 1
// OK: drained 1
// JSON: {"tool":"syncsan","pid":{{[0-9]+}},"severity":"error","check":"queue-send-after-close","message":"push (bq_push) to queue 'jobs' (0x{{[0-9a-f]+}}) after it was closed","sections":[{"title":"Push by thread T0","site":{"function":"main","file":"{{[^"]*}}send-after-close.c","line":22,
