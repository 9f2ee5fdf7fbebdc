// queue-stall, blocked: the producer is blocked pushing to a full queue
// for longer than queue_stall_ms while the only consumer, which popped
// from it before, is blocked joining a thread that sleeps. The report says
// the queue, its occupancy, who waits where, and where the other side is.
// With the default action the push keeps waiting and completes; with
// abort the process ends; with wait nothing is reported. The near miss:
// the consumer comes back well within the stall time.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t 700 2>&1 | FileCheck %s --check-prefixes=CHECK,REPORT
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200:queue_stall_action=abort %expect-exit 66 %t 3000 2>&1 | FileCheck %s --check-prefixes=CHECK,ABORT
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200:queue_stall_action=wait %expect-exit 0 %t 500 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 %t 30 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t 300 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <syncsan/syncsan.h>
#include <time.h>

#include "Inputs/qwrap.h"

static struct bq *q;
static long late_ms;

static void *sleeper(void *arg) {
  struct timespec ts = {late_ms / 1000, (late_ms % 1000) * 1000000};
  nanosleep(&ts, NULL);
  return arg;
}

static void *consumer(void *arg) {
  int v, n = 1;
  BQ_POP(q, &v);
  pthread_t s;
  pthread_create(&s, NULL, sleeper, NULL);
  pthread_join(s, NULL);
  while (BQ_POP(q, &v) == 0)
    n++;
  fprintf(stderr, "consumed %d\n", n);
  return arg;
}

int main(int argc, char **argv) {
  late_ms = argc > 1 ? atol(argv[1]) : 30;
  q = BQ_NEW(2);
  syncsan_queue_set_name(q, "jobs");
  pthread_t c;
  pthread_create(&c, NULL, consumer, NULL);
  for (int i = 0; i < 4; i++)
    BQ_PUSH(q, i);
  BQ_CLOSE(q);
  pthread_join(c, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked pushing to queue 'jobs' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (2 of 2 items)
// CHECK: Thread T0 waits in bq_push at:
// CHECK-NEXT: #0 main {{.*}}stall-blocking.c:50:{{[0-9]+}}
// CHECK: queue 'jobs' (0x{{[0-9a-f]+}}) (capacity 2) was created by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}stall-blocking.c:45:{{[0-9]+}}
// CHECK-NEXT: threads that popped from it:
// CHECK-NEXT: T1: blocked joining T2 at {{.*}}stall-blocking.c:36
// CHECK: SUMMARY: SyncSanitizer: queue-stall {{.*}}stall-blocking.c:50 in main
// ABORT: ending the stalled process (queue stall action abort, from queue_stall_action)
// ABORT-NOT: done
// REPORT-NOT: ending the stalled process
// REPORT: consumed 4
// REPORT: done
// OK: consumed 4
// OK: done
