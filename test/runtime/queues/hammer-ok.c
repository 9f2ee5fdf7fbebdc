// Near misses under races: producers and consumers hammering correct
// queues stay silent. A blocking queue of capacity 2 with two producers
// and two consumers (full and empty all the time; the consumers learn of
// the close from a failing pop), and a lock-free ring of capacity 8 whose
// producer retries at once (the counts of a pop that took effect and of
// the push that refills its slot race all the time): no over-capacity, no
// stall (queue_stall_ms=200, every wait is short), nothing else. The
// counts come out exact.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

#include "Inputs/qwrap.h"

#define ITEMS 20000

static struct bq *q;
static struct spsc ring;
static long consumed[2];

static void *producer(void *arg) {
  for (int i = 0; i < ITEMS; i++)
    BQ_PUSH(q, i);
  return arg;
}

static void *consumer(void *arg) {
  long *n = arg;
  int v;
  while (BQ_POP(q, &v) == 0)
    ++*n;
  return NULL;
}

static void *ring_producer(void *arg) {
  for (int i = 0; i < 4 * ITEMS; i++)
    while (!SPSC_PUSH(&ring, i))
      sched_yield();
  return arg;
}

int main(void) {
  q = BQ_NEW(2);
  syncsan_queue_set_name(q, "work");
  SPSC_INIT(&ring, 8);
  pthread_t p[2], c[2], rp;
  for (int i = 0; i < 2; i++) {
    pthread_create(&p[i], NULL, producer, NULL);
    pthread_create(&c[i], NULL, consumer, &consumed[i]);
  }
  for (int i = 0; i < 2; i++)
    pthread_join(p[i], NULL);
  BQ_CLOSE(q);
  for (int i = 0; i < 2; i++)
    pthread_join(c[i], NULL);
  pthread_create(&rp, NULL, ring_producer, NULL);
  long got = 0;
  int v;
  while (got < 4 * ITEMS)
    if (SPSC_POP(&ring, &v))
      got++;
    else
      sched_yield();
  pthread_join(rp, NULL);
  struct syncsan_queue_metrics m, rm;
  syncsan_queue_metrics(q, &m);
  syncsan_queue_metrics(&ring, &rm);
  fprintf(stderr, "work: consumed %ld, pushes %llu pops %llu max<=2 %d; ring: pops %llu max<=8 %d\n",
          consumed[0] + consumed[1], m.pushes, m.pops, m.occupancy_max <= 2, rm.pops,
          rm.occupancy_max <= 8);
  return 0;
}
// CHECK: work: consumed 40000, pushes 40000 pops 40000 max<=2 1; ring: pops 80000 max<=8 1
