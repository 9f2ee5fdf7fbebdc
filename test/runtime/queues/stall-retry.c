// queue-stall, retrying: a producer that keeps retrying a failing
// non-blocking push on a full lock-free ring for longer than
// queue_stall_ms (its own thread notices, at a failure). The near miss:
// the consumer frees a slot within the stall time.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t 600 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 %t 30 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <syncsan/syncsan.h>
#include <time.h>

#include "Inputs/qwrap.h"

static struct spsc ring;
static long late_ms;

static void nap(long us) {
  struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
  nanosleep(&ts, NULL);
}

static void *consumer(void *arg) {
  int v, n = 0;
  while (!SPSC_POP(&ring, &v))
    nap(100);
  n++;
  nap(late_ms * 1000);
  while (n < 4) {
    if (SPSC_POP(&ring, &v))
      n++;
    else
      nap(100);
  }
  fprintf(stderr, "consumed %d\n", n);
  return arg;
}

int main(int argc, char **argv) {
  late_ms = argc > 1 ? atol(argv[1]) : 30;
  SPSC_INIT(&ring, 2);
  syncsan_queue_set_name(&ring, "ring");
  pthread_t c;
  pthread_create(&c, NULL, consumer, NULL);
  for (int i = 0; i < 4; i++)
    while (!SPSC_PUSH(&ring, i))
      nap(100);
  pthread_join(c, NULL);
  spsc_fini(&ring);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: queue-stall: thread T0 has retried a failing non-blocking push (spsc_try_push) on queue 'ring' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (2 of 2 items)
// CHECK: Thread T0 retries in spsc_try_push:
// CHECK-NEXT: #0 main {{.*}}stall-retry.c:48:{{[0-9]+}}
// CHECK: queue 'ring' (0x{{[0-9a-f]+}}) (capacity 2) was created by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}stall-retry.c:43:{{[0-9]+}}
// CHECK-NEXT: threads that popped from it:
// CHECK-NEXT: T1: running
// CHECK: consumed 4
// CHECK: done
// OK: consumed 4
// OK: done
