/* Condition-variable ping-pong, barrier phases and thread start-up. */
#include <pthread.h>
#include <semaphore.h>

#include "../common/bench.h"
#include "cases.h"

/* Ping-pong: worker 0 hands the turn to worker 1 and waits for it back;
 * one operation is one round trip (two hand-overs, two wake-ups). */
static pthread_mutex_t pp_lock;
static pthread_cond_t pp_cond;
static int pp_turn;
static uint64_t pp_rounds;

static void pingpong_setup(int nthreads) {
  (void)nthreads;
  BENCH_CHECK(pthread_mutex_init(&pp_lock, NULL));
  BENCH_CHECK(pthread_cond_init(&pp_cond, NULL));
  pp_turn = 0;
  pp_rounds = 0;
}

static void pingpong_teardown(int nthreads) {
  (void)nthreads;
  BENCH_CHECK(pthread_cond_destroy(&pp_cond));
  BENCH_CHECK(pthread_mutex_destroy(&pp_lock));
}

static uint64_t pingpong(int tid, int nthreads, long n) {
  (void)nthreads;
  uint64_t seen = 0;
  pthread_mutex_lock(&pp_lock);
  for (long i = 0; i < n; i++) {
    while (pp_turn != tid)
      pthread_cond_wait(&pp_cond, &pp_lock);
    if (tid == 0)
      pp_rounds++;
    seen += pp_rounds;
    pp_turn = 1 - tid;
    pthread_cond_signal(&pp_cond);
  }
  pthread_mutex_unlock(&pp_lock);
  return seen;
}

/* Barrier phases: every worker waits n times; exactly one per phase gets
 * PTHREAD_BARRIER_SERIAL_THREAD, so the serial count is n whatever the
 * thread count. */
static pthread_barrier_t bar;
static uint64_t bar_serial[MICRO_MAX_THREADS];

static void barrier_setup(int nthreads) {
  BENCH_CHECK(pthread_barrier_init(&bar, NULL, (unsigned)nthreads));
  for (int i = 0; i < MICRO_MAX_THREADS; i++)
    bar_serial[i] = 0;
}

static void barrier_teardown(int nthreads) {
  (void)nthreads;
  BENCH_CHECK(pthread_barrier_destroy(&bar));
}

static uint64_t barrier_phases(int tid, int nthreads, long n) {
  (void)nthreads;
  for (long i = 0; i < n; i++) {
    int rc = pthread_barrier_wait(&bar);
    if (rc == PTHREAD_BARRIER_SERIAL_THREAD)
      bar_serial[tid]++;
    else if (rc != 0)
      bench_fail("pthread_barrier_wait");
  }
  /* Which worker was serial varies; only the total is deterministic, and
   * the driver sums the workers' returns after both finished. */
  return bar_serial[tid];
}

/* Thread start-up: one operation creates a detached thread that posts a
 * semaphore and ends, and waits for the post: the cost of every family's
 * thread-start and thread-exit work (NUMA placement among them: one branch
 * with no policy, a binding with one). Detached, not joined: a thread that
 * joins thousands of threads is a case of its own (the joined-set bound,
 * docs/design.md), not start-up. */
static sem_t started;

static void *thread_post(void *arg) {
  sem_post(&started);
  return arg;
}

static void thread_setup(int nthreads) {
  (void)nthreads;
  BENCH_CHECK(sem_init(&started, 0, 0));
}

static void thread_teardown(int nthreads) {
  (void)nthreads;
  BENCH_CHECK(sem_destroy(&started));
}

static uint64_t thread_create(int tid, int nthreads, long n) {
  (void)tid;
  (void)nthreads;
  pthread_attr_t attr;
  BENCH_CHECK(pthread_attr_init(&attr));
  BENCH_CHECK(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED));
  uint64_t sum = 0;
  for (long i = 0; i < n; i++) {
    pthread_t t;
    BENCH_CHECK(pthread_create(&t, &attr, thread_post, NULL));
    while (sem_wait(&started) != 0) {
    }
    sum++;
  }
  BENCH_CHECK(pthread_attr_destroy(&attr));
  return sum;
}

const struct micro_case micro_sync_cases[] = {
    {"condvar-pingpong", 2, pingpong_setup, pingpong, pingpong_teardown},
    {"barrier-phases", 1, barrier_setup, barrier_phases, barrier_teardown},
    {"thread-create", 1, thread_setup, thread_create, thread_teardown},
    {0},
};
