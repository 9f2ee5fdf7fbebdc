/* A one-worker job queue built without syncsan (a distribution library,
 * libuv-style): its semaphore calls reach the runtime through the
 * interposers only. */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

struct pool {
  sem_t jobs, done;
  pthread_t worker;
  int stop;
};

static void *work(void *arg) {
  struct pool *p = arg;
  for (;;) {
    sem_wait(&p->jobs);
    if (p->stop)
      return NULL;
    sem_post(&p->done);
  }
}

struct pool *pool_start(void) {
  struct pool *p = calloc(1, sizeof(*p));
  sem_init(&p->jobs, 0, 0);
  sem_init(&p->done, 0, 0);
  pthread_create(&p->worker, NULL, work, p);
  return p;
}

void pool_submit(struct pool *p) { sem_post(&p->jobs); }
void pool_wait_one(struct pool *p) { sem_wait(&p->done); }

void pool_stop(struct pool *p) {
  p->stop = 1;
  sem_post(&p->jobs);
  pthread_join(p->worker, NULL);
  sem_destroy(&p->jobs);
  sem_destroy(&p->done);
  free(p);
}

/* The bug: destroyed while the worker is blocked waiting for a job. */
void pool_stop_early(struct pool *p) { sem_destroy(&p->jobs); }
