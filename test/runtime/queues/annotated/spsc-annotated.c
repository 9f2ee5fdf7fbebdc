// The annotated lock-free SPSC ring (Inputs/spsc.h) through the pass and
// the runtime. Fires: a ring whose fullness test is off by one holds one
// item past its declared capacity (queue-over-capacity, found at the
// destroy: the program ends before the monitor looks); a producer that
// keeps retrying a failing push on a full ring whose consumer has exited
// (queue-stall, retrying). Near miss: the correct ring between a producer
// and a consumer spinning on failed pushes and pops, then the counts.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %syncsan-cc %O -g -DSPSC_BROKEN_CAPACITY=1 %s -o %t.broken
// RUN: %expect-exit 66 %t.broken fill 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t retry 2>&1 | FileCheck %s --check-prefix=RETRY
// RUN: %expect-exit 0 %t fill 2>&1 | FileCheck %s --check-prefix=FULL --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "Inputs/spsc.h"

#define N 200000

static struct spsc *ring;

static void *consume(void *arg) {
  long sum = 0;
  int v;
  for (int got = 0; got < N;)
    if (spsc_pop(ring, &v)) {
      sum += v;
      got++;
    }
  return (void *)sum;
}

static void *consume_one(void *arg) {
  int v;
  while (!spsc_pop(ring, &v))
    ;
  return arg;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  const char *m = argc > 1 ? argv[1] : "";
  ring = spsc_new(4);
  syncsan_queue_set_name(ring, "frames");
  if (!strcmp(m, "fill")) {
    int n = 0;
    while (spsc_push(ring, n))
      n++;
    fprintf(stderr, "pushed %d\n", n);
  } else if (!strcmp(m, "retry")) {
    /* Full, then its consumer takes one item and exits. */
    int n = 0;
    while (spsc_push(ring, n))
      n++;
    pthread_t c;
    pthread_create(&c, NULL, consume_one, NULL);
    pthread_join(c, NULL);
    double until = now() + 0.6;
    while (now() < until)
      if (spsc_push(ring, n))
        n++;
    fprintf(stderr, "pushed %d\n", n);
  } else {
    pthread_t c;
    void *sum;
    pthread_create(&c, NULL, consume, NULL);
    for (int i = 0; i < N;)
      if (spsc_push(ring, i))
        i++;
    pthread_join(c, &sum);
    struct syncsan_queue_metrics mt;
    int rc = syncsan_queue_metrics(ring, &mt);
    fprintf(stderr, "sum %ld metrics %d pushes=%llu pops=%llu capacity=%llu max<=4 %d\n",
            (long)sum, rc, mt.pushes, mt.pops, mt.capacity, mt.occupancy_max <= 4);
  }
  spsc_free(ring);
  fprintf(stderr, "done\n");
  return 0;
}
// OVER: pushed 5
// OVER: ERROR: SyncSanitizer: queue-over-capacity: queue 'frames' (0x{{[0-9a-f]+}}) holds at least 5 items, more than its capacity 4
// OVER: SUMMARY: SyncSanitizer: queue-over-capacity
// OVER: done

// RETRY: ERROR: SyncSanitizer: queue-stall: {{.*}}queue 'frames'
// RETRY: SUMMARY: SyncSanitizer: queue-stall
// RETRY: pushed 5
// RETRY: done

// FULL: pushed 4
// FULL: done

// OK: sum 19999900000 metrics 0 pushes=200000 pops=200000 capacity=4 max<=4 1
// OK: done
