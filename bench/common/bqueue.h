/* A bounded blocking FIFO of pointers-sized values (mutex + two condition
 * variables over a ring), shared by the micro queue benchmark, the thread
 * pool and the pipeline.
 *
 * Every queue operation goes through these five functions and nothing else
 * touches the fields; they are declared to syncsan as a queue (its checks,
 * stall detection and metrics), and the annotations are inert in the other
 * builds. */
#ifndef BENCH_BQUEUE_H
#define BENCH_BQUEUE_H

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "bench.h"

#if defined(__has_include)
#if __has_include(<syncsan/syncsan.h>)
#include <syncsan/syncsan.h>
#endif
#endif
#ifndef SYNCSAN_QUEUE
#define SYNCSAN_QUEUE(spec)
#endif

struct bqueue {
  pthread_mutex_t lock;
  pthread_cond_t not_empty;
  pthread_cond_t not_full;
  uint64_t *slots;
  unsigned cap, head, count;
  int closed;
};

static inline void bq_init(struct bqueue *q, unsigned cap) SYNCSAN_QUEUE("create capacity=arg1");
static inline int bq_push(struct bqueue *q, uint64_t v) SYNCSAN_QUEUE("push blocking ok=zero");
static inline int bq_pop(struct bqueue *q, uint64_t *v) SYNCSAN_QUEUE("pop blocking ok=zero");
static inline void bq_close(struct bqueue *q) SYNCSAN_QUEUE("close");
static inline void bq_destroy(struct bqueue *q) SYNCSAN_QUEUE("destroy");

static inline void bq_init(struct bqueue *q, unsigned cap) {
  q->slots = calloc(cap, sizeof(*q->slots));
  if (!q->slots)
    bench_fail("out of memory");
  q->cap = cap;
  q->head = q->count = 0;
  q->closed = 0;
  BENCH_CHECK(pthread_mutex_init(&q->lock, NULL));
  BENCH_CHECK(pthread_cond_init(&q->not_empty, NULL));
  BENCH_CHECK(pthread_cond_init(&q->not_full, NULL));
}

/* Blocks while full. Returns 0, or -1 if the queue was closed. */
static inline int bq_push(struct bqueue *q, uint64_t v) {
  BENCH_CHECK(pthread_mutex_lock(&q->lock));
  while (q->count == q->cap && !q->closed)
    BENCH_CHECK(pthread_cond_wait(&q->not_full, &q->lock));
  if (q->closed) {
    BENCH_CHECK(pthread_mutex_unlock(&q->lock));
    return -1;
  }
  q->slots[(q->head + q->count) % q->cap] = v;
  q->count++;
  BENCH_CHECK(pthread_cond_signal(&q->not_empty));
  BENCH_CHECK(pthread_mutex_unlock(&q->lock));
  return 0;
}

/* Blocks while empty. Returns 0 with *v set, or -1 once the queue is closed
 * and drained. */
static inline int bq_pop(struct bqueue *q, uint64_t *v) {
  BENCH_CHECK(pthread_mutex_lock(&q->lock));
  while (q->count == 0 && !q->closed)
    BENCH_CHECK(pthread_cond_wait(&q->not_empty, &q->lock));
  if (q->count == 0) {
    BENCH_CHECK(pthread_mutex_unlock(&q->lock));
    return -1;
  }
  *v = q->slots[q->head];
  q->head = (q->head + 1) % q->cap;
  q->count--;
  BENCH_CHECK(pthread_cond_signal(&q->not_full));
  BENCH_CHECK(pthread_mutex_unlock(&q->lock));
  return 0;
}

/* No more pushes; poppers drain what is left, then get -1. */
static inline void bq_close(struct bqueue *q) {
  BENCH_CHECK(pthread_mutex_lock(&q->lock));
  q->closed = 1;
  BENCH_CHECK(pthread_cond_broadcast(&q->not_empty));
  BENCH_CHECK(pthread_cond_broadcast(&q->not_full));
  BENCH_CHECK(pthread_mutex_unlock(&q->lock));
}

static inline void bq_destroy(struct bqueue *q) {
  BENCH_CHECK(pthread_cond_destroy(&q->not_full));
  BENCH_CHECK(pthread_cond_destroy(&q->not_empty));
  BENCH_CHECK(pthread_mutex_destroy(&q->lock));
  free(q->slots);
}

#endif
