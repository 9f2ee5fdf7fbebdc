// Near misses for the condvar checks, all silent: a producer/consumer
// queue with wait and signal, timed waits that time out (the mutex comes
// back, so the unlock after them is fine), clockwait, broadcast followed at
// once by destroy (allowed: the waiters are no longer blocked), and one
// condvar used with two mutexes one after the other, never at once.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: consumed=1000 timedout=2 woken=3
// CHECK-NOT: SyncSanitizer
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER, other = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t nonfull;
static int items, consumed;

static void *producer(void *arg) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    while (items == 4)
      pthread_cond_wait(&nonfull, &mu);
    items++;
    pthread_cond_signal(&nonempty);
    pthread_mutex_unlock(&mu);
  }
  return arg;
}

static void *consumer(void *arg) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&mu);
    while (items == 0)
      pthread_cond_wait(&nonempty, &mu);
    items--;
    consumed++;
    pthread_cond_signal(&nonfull);
    pthread_mutex_unlock(&mu);
  }
  return arg;
}

static struct timespec soon(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  ts.tv_nsec += 5 * 1000 * 1000;
  if (ts.tv_nsec >= 1000000000) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000;
  }
  return ts;
}

/* The POSIX example: the last user broadcasts and destroys at once. */
struct elem {
  pthread_mutex_t *mu;
  pthread_cond_t cv;
  int busy, waiting;
};
static int woken;

static void *elem_waiter(void *arg) {
  struct elem *e = arg;
  pthread_mutex_lock(e->mu);
  e->waiting++;
  while (e->busy)
    pthread_cond_wait(&e->cv, e->mu);
  woken++;
  pthread_mutex_unlock(e->mu);
  return NULL;
}

int main(void) {
  pthread_cond_init(&nonfull, NULL);
  pthread_t p, c;
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  pthread_cond_destroy(&nonfull);

  int timedout = 0;
  pthread_mutex_lock(&mu);
  struct timespec ts = soon(CLOCK_REALTIME);
  timedout += pthread_cond_timedwait(&nonempty, &mu, &ts) == ETIMEDOUT;
  ts = soon(CLOCK_MONOTONIC);
  timedout += pthread_cond_clockwait(&nonempty, &mu, CLOCK_MONOTONIC, &ts) == ETIMEDOUT;
  pthread_mutex_unlock(&mu);
  /* Now the same condvar with another mutex: no waiter is left. */
  pthread_mutex_lock(&other);
  ts = soon(CLOCK_REALTIME);
  pthread_cond_timedwait(&nonempty, &other, &ts);
  pthread_mutex_unlock(&other);

  struct elem *e = malloc(sizeof(*e));
  e->mu = &mu;
  e->busy = 1;
  e->waiting = 0;
  pthread_cond_init(&e->cv, NULL);
  pthread_t w[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&w[i], NULL, elem_waiter, e);
  for (;;) {
    pthread_mutex_lock(&mu);
    if (e->waiting == 3)
      break;
    pthread_mutex_unlock(&mu);
  }
  e->busy = 0;
  pthread_cond_broadcast(&e->cv);
  pthread_cond_destroy(&e->cv);
  pthread_mutex_unlock(&mu);
  for (int i = 0; i < 3; i++)
    pthread_join(w[i], NULL);
  free(e);
  printf("consumed=%d timedout=%d woken=%d\n", consumed, timedout, woken);
  return 0;
}
