// queue-backpressure: a queue held above its policy's max_occupancy for
// longer than the policy's window (checked on the monitor's ticks), from
// syncsan_queue_set_policy or from a queue_policy= file line matching the
// queue's name. A warning: the exit status stays 0. The near miss: the
// queue held below the limit as long, or above it for less than the
// window.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t api 8 500 2>&1 | FileCheck %s
// RUN: printf '# buffers\nname=buf* max_occupancy=0.5 window_ms=200\n' > %t.policy
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.policy %expect-exit 0 %t file 8 500 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t api 4 500 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t api 8 20 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syncsan/syncsan.h>
#include <time.h>

#include "Inputs/qwrap.h"

int main(int argc, char **argv) {
  int api = argc > 1 && !strcmp(argv[1], "api");
  int fill = argc > 2 ? atoi(argv[2]) : 4;
  long hold = argc > 3 ? atol(argv[3]) : 20;
  struct bq *q = BQ_NEW(10);
  syncsan_queue_set_name(q, "buffers");
  if (api) {
    struct syncsan_queue_policy p = {0};
    p.max_occupancy = 0.5;
    p.occupancy_window_ms = 200;
    syncsan_queue_set_policy(q, &p);
  }
  for (int i = 0; i < fill; i++)
    BQ_PUSH(q, i);
  struct timespec ts = {hold / 1000, (hold % 1000) * 1000000};
  nanosleep(&ts, NULL);
  int v;
  while (BQ_TRY_POP(q, &v) == 0) {
  }
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: WARNING: SyncSanitizer: queue-backpressure: queue 'buffers' (0x{{[0-9a-f]+}}) has held more than 50% of its capacity 10 for {{[0-9]+}} ms (at least 8 items now; the policy's window is 200 ms)
// CHECK: queue 'buffers' (0x{{[0-9a-f]+}}) (capacity 10) was created by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}backpressure.c:25:{{[0-9]+}}
// CHECK-NEXT: the consumers do not keep up with the producers
// CHECK: done
// OK: done
