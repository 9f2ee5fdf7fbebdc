/* Bounded queue push/pop. One thread: push then pop, the queue never
 * blocks (the cost of the operations themselves). Two threads: worker 0
 * produces, worker 1 consumes, through a small queue (hand-over cost).
 * One operation is one item through the queue. */
#include "../common/bqueue.h"
#include "cases.h"

static struct bqueue q;

static void queue_setup(int nthreads) {
  (void)nthreads;
  bq_init(&q, 64);
}

static void queue_teardown(int nthreads) {
  (void)nthreads;
  bq_destroy(&q);
}

static uint64_t queue_push_pop(int tid, int nthreads, long n) {
  uint64_t sum = 0, v;
  if (nthreads == 1) {
    for (long i = 0; i < n; i++) {
      bq_push(&q, (uint64_t)i);
      if (bq_pop(&q, &v) != 0)
        bench_fail("queue unexpectedly closed");
      sum += v;
    }
  } else if (tid == 0) {
    for (long i = 0; i < n; i++)
      if (bq_push(&q, (uint64_t)i) != 0)
        bench_fail("queue unexpectedly closed");
  } else {
    for (long i = 0; i < n; i++) {
      if (bq_pop(&q, &v) != 0)
        bench_fail("queue unexpectedly closed");
      sum += v;
    }
  }
  return sum;
}

const struct micro_case micro_queue_cases[] = {
    {"queue-push-pop", 1, queue_setup, queue_push_pop, queue_teardown},
    {0},
};
