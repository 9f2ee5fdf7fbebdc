/* A bounded blocking queue of ints (mutex + two condvars), the kind the
 * queue annotations are for: test input. bq_broken(q, 1) makes its pushes
 * ignore the capacity (a deliberately broken queue). */
#ifndef QTEST_BQ_H
#define QTEST_BQ_H
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct bq {
  pthread_mutex_t mu;
  pthread_cond_t not_full, not_empty;
  unsigned cap, head, n, size;
  int closed, broken;
  int *items;
};

static struct bq *bq_new(unsigned cap) {
  struct bq *q = (struct bq *)calloc(1, sizeof(*q));
  pthread_mutex_init(&q->mu, NULL);
  pthread_cond_init(&q->not_full, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  q->cap = cap;
  q->size = cap * 4 + 16; /* room for a broken queue's overflow */
  q->items = (int *)calloc(q->size, sizeof(int));
  return q;
}

static void bq_broken(struct bq *q, int on) { q->broken = on; }

static void deadline(struct timespec *ts, long ms) {
  clock_gettime(CLOCK_REALTIME, ts);
  ts->tv_sec += ms / 1000;
  ts->tv_nsec += (ms % 1000) * 1000000;
  if (ts->tv_nsec >= 1000000000) {
    ts->tv_sec++;
    ts->tv_nsec -= 1000000000;
  }
}

/* 0, -1 when closed, EAGAIN (try) or ETIMEDOUT (timed) when full. */
static int bq_push_impl(struct bq *q, int v, long ms) {
  struct timespec ts;
  if (ms > 0)
    deadline(&ts, ms);
  pthread_mutex_lock(&q->mu);
  while (!q->closed && !q->broken && q->n == q->cap) {
    if (ms == 0) {
      pthread_mutex_unlock(&q->mu);
      return EAGAIN;
    }
    if (ms < 0)
      pthread_cond_wait(&q->not_full, &q->mu);
    else if (pthread_cond_timedwait(&q->not_full, &q->mu, &ts) == ETIMEDOUT &&
             q->n == q->cap && !q->closed) {
      pthread_mutex_unlock(&q->mu);
      return ETIMEDOUT;
    }
  }
  if (q->closed || q->n == q->size) {
    pthread_mutex_unlock(&q->mu);
    return -1;
  }
  q->items[(q->head + q->n++) % q->size] = v;
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->mu);
  return 0;
}

/* 0, -1 when closed and empty, EAGAIN (try) or ETIMEDOUT (timed). */
static int bq_pop_impl(struct bq *q, int *v, long ms) {
  struct timespec ts;
  if (ms > 0)
    deadline(&ts, ms);
  pthread_mutex_lock(&q->mu);
  while (!q->closed && q->n == 0) {
    if (ms == 0) {
      pthread_mutex_unlock(&q->mu);
      return EAGAIN;
    }
    if (ms < 0)
      pthread_cond_wait(&q->not_empty, &q->mu);
    else if (pthread_cond_timedwait(&q->not_empty, &q->mu, &ts) == ETIMEDOUT && q->n == 0 &&
             !q->closed) {
      pthread_mutex_unlock(&q->mu);
      return ETIMEDOUT;
    }
  }
  if (q->n == 0) {
    pthread_mutex_unlock(&q->mu);
    return -1;
  }
  *v = q->items[q->head];
  q->head = (q->head + 1) % q->size;
  q->n--;
  pthread_cond_signal(&q->not_full);
  pthread_mutex_unlock(&q->mu);
  return 0;
}

static int bq_push(struct bq *q, int v) { return bq_push_impl(q, v, -1); }
static int bq_push_for(struct bq *q, int v, long ms) { return bq_push_impl(q, v, ms); }
static int bq_try_push(struct bq *q, int v) { return bq_push_impl(q, v, 0); }
static int bq_pop(struct bq *q, int *v) { return bq_pop_impl(q, v, -1); }
static int bq_pop_for(struct bq *q, int *v, long ms) { return bq_pop_impl(q, v, ms); }
static int bq_try_pop(struct bq *q, int *v) { return bq_pop_impl(q, v, 0); }

static void bq_close(struct bq *q) {
  pthread_mutex_lock(&q->mu);
  q->closed = 1;
  pthread_cond_broadcast(&q->not_full);
  pthread_cond_broadcast(&q->not_empty);
  pthread_mutex_unlock(&q->mu);
}

static void bq_free(struct bq *q) {
  pthread_mutex_destroy(&q->mu);
  pthread_cond_destroy(&q->not_full);
  pthread_cond_destroy(&q->not_empty);
  free(q->items);
  free(q);
}
#endif
