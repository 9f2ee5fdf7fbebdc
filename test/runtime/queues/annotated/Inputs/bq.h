/* A bounded blocking FIFO of ints (mutex + two condvars over a ring), with
 * timed forms of its blocking operations, declared to syncsan with
 * annotations. A test input: every operation goes through these
 * functions. BQ_BROKEN_CAPACITY makes bq_push accept one item too many
 * (a queue whose own bound is broken). */
#ifndef TEST_BQ_H
#define TEST_BQ_H
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include <syncsan/syncsan.h>

struct bq {
  pthread_mutex_t mu;
  pthread_cond_t not_empty, not_full;
  int *slots;
  unsigned cap, head, count;
  int closed;
};

int bq_init(struct bq *q, unsigned cap) SYNCSAN_QUEUE("create capacity=arg1");
int bq_push(struct bq *q, int v) SYNCSAN_QUEUE("push blocking ok=zero timed=bq_push_for");
int bq_push_for(struct bq *q, int v, long ms);
int bq_try_push(struct bq *q, int v) SYNCSAN_QUEUE("push ok=zero");
int bq_pop(struct bq *q, int *v) SYNCSAN_QUEUE("pop blocking ok=zero timed=bq_pop_for");
int bq_pop_for(struct bq *q, int *v, long ms);
int bq_try_pop(struct bq *q, int *v) SYNCSAN_QUEUE("pop ok=zero");
void bq_close(struct bq *q) SYNCSAN_QUEUE("close");
void bq_destroy(struct bq *q) SYNCSAN_QUEUE("destroy");

#ifndef BQ_BROKEN_CAPACITY
#define BQ_BROKEN_CAPACITY 0
#endif

static void bq_deadline(struct timespec *ts, long ms) {
  clock_gettime(CLOCK_REALTIME, ts);
  ts->tv_sec += ms / 1000;
  ts->tv_nsec += (ms % 1000) * 1000000L;
  if (ts->tv_nsec >= 1000000000L) {
    ts->tv_sec++;
    ts->tv_nsec -= 1000000000L;
  }
}

int bq_init(struct bq *q, unsigned cap) {
  q->slots = calloc(cap + 1, sizeof(int));
  if (!q->slots)
    return ENOMEM;
  q->cap = cap;
  q->head = q->count = 0;
  q->closed = 0;
  pthread_mutex_init(&q->mu, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  pthread_cond_init(&q->not_full, NULL);
  return 0;
}

/* ms < 0: no timeout. Returns 0, EPIPE when closed, ETIMEDOUT, or EAGAIN
 * (ms == 0 and full). */
static int bq_push_wait(struct bq *q, int v, long ms) {
  struct timespec ts;
  if (ms > 0)
    bq_deadline(&ts, ms);
  pthread_mutex_lock(&q->mu);
  while (q->count >= q->cap + BQ_BROKEN_CAPACITY && !q->closed) {
    int rc = ms == 0 ? EAGAIN
             : ms < 0 ? pthread_cond_wait(&q->not_full, &q->mu)
                      : pthread_cond_timedwait(&q->not_full, &q->mu, &ts);
    if (rc) {
      pthread_mutex_unlock(&q->mu);
      return rc;
    }
  }
  if (q->closed) {
    pthread_mutex_unlock(&q->mu);
    return EPIPE;
  }
  q->slots[(q->head + q->count) % (q->cap + 1)] = v;
  q->count++;
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->mu);
  return 0;
}

static int bq_pop_wait(struct bq *q, int *v, long ms) {
  struct timespec ts;
  if (ms > 0)
    bq_deadline(&ts, ms);
  pthread_mutex_lock(&q->mu);
  while (q->count == 0 && !q->closed) {
    int rc = ms == 0 ? EAGAIN
             : ms < 0 ? pthread_cond_wait(&q->not_empty, &q->mu)
                      : pthread_cond_timedwait(&q->not_empty, &q->mu, &ts);
    if (rc) {
      pthread_mutex_unlock(&q->mu);
      return rc;
    }
  }
  if (q->count == 0) {
    pthread_mutex_unlock(&q->mu);
    return EPIPE; /* closed and drained */
  }
  *v = q->slots[q->head];
  q->head = (q->head + 1) % (q->cap + 1);
  q->count--;
  pthread_cond_signal(&q->not_full);
  pthread_mutex_unlock(&q->mu);
  return 0;
}

int bq_push(struct bq *q, int v) { return bq_push_wait(q, v, -1); }
int bq_push_for(struct bq *q, int v, long ms) { return bq_push_wait(q, v, ms > 0 ? ms : 1); }
int bq_try_push(struct bq *q, int v) { return bq_push_wait(q, v, 0); }
int bq_pop(struct bq *q, int *v) { return bq_pop_wait(q, v, -1); }
int bq_pop_for(struct bq *q, int *v, long ms) { return bq_pop_wait(q, v, ms > 0 ? ms : 1); }
int bq_try_pop(struct bq *q, int *v) { return bq_pop_wait(q, v, 0); }

void bq_close(struct bq *q) {
  pthread_mutex_lock(&q->mu);
  q->closed = 1;
  pthread_cond_broadcast(&q->not_empty);
  pthread_cond_broadcast(&q->not_full);
  pthread_mutex_unlock(&q->mu);
}

void bq_destroy(struct bq *q) {
  pthread_cond_destroy(&q->not_empty);
  pthread_cond_destroy(&q->not_full);
  pthread_mutex_destroy(&q->mu);
  free(q->slots);
}
#endif
