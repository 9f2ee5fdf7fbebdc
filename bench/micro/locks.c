/* Uncontended lock pairs: each worker has its own locks, all created at
 * the same sites, so both workers use the same lock classes and the order
 * A -> B is learned once and then only re-validated. */
#include <pthread.h>

#include "../common/bench.h"
#include "cases.h"

struct padded_mutex {
  pthread_mutex_t m;
  uint64_t count;
} __attribute__((aligned(64)));

static struct padded_mutex mtx_a[MICRO_MAX_THREADS], mtx_b[MICRO_MAX_THREADS];

static void mutex_setup(int nthreads) {
  for (int i = 0; i < nthreads; i++) {
    BENCH_CHECK(pthread_mutex_init(&mtx_a[i].m, NULL));
    BENCH_CHECK(pthread_mutex_init(&mtx_b[i].m, NULL));
    mtx_a[i].count = mtx_b[i].count = 0;
  }
}

static void mutex_teardown(int nthreads) {
  for (int i = 0; i < nthreads; i++) {
    BENCH_CHECK(pthread_mutex_destroy(&mtx_a[i].m));
    BENCH_CHECK(pthread_mutex_destroy(&mtx_b[i].m));
  }
}

static uint64_t mutex_pair(int tid, int nthreads, long n) {
  (void)nthreads;
  struct padded_mutex *a = &mtx_a[tid];
  for (long i = 0; i < n; i++) {
    pthread_mutex_lock(&a->m);
    a->count++;
    pthread_mutex_unlock(&a->m);
  }
  return a->count;
}

static uint64_t mutex_nested(int tid, int nthreads, long n) {
  (void)nthreads;
  struct padded_mutex *a = &mtx_a[tid], *b = &mtx_b[tid];
  for (long i = 0; i < n; i++) {
    pthread_mutex_lock(&a->m);
    pthread_mutex_lock(&b->m);
    b->count += 2;
    pthread_mutex_unlock(&b->m);
    pthread_mutex_unlock(&a->m);
  }
  return b->count;
}

struct padded_rwlock {
  pthread_rwlock_t l;
  uint64_t value;
} __attribute__((aligned(64)));
static struct padded_rwlock rw[MICRO_MAX_THREADS];

static void rwlock_setup(int nthreads) {
  for (int i = 0; i < nthreads; i++) {
    BENCH_CHECK(pthread_rwlock_init(&rw[i].l, NULL));
    rw[i].value = 3;
  }
}

static void rwlock_teardown(int nthreads) {
  for (int i = 0; i < nthreads; i++)
    BENCH_CHECK(pthread_rwlock_destroy(&rw[i].l));
}

static uint64_t rwlock_read_pair(int tid, int nthreads, long n) {
  (void)nthreads;
  struct padded_rwlock *l = &rw[tid];
  uint64_t sum = 0;
  for (long i = 0; i < n; i++) {
    pthread_rwlock_rdlock(&l->l);
    sum += l->value;
    pthread_rwlock_unlock(&l->l);
  }
  return sum;
}

struct padded_spin {
  pthread_spinlock_t s;
  uint64_t count;
} __attribute__((aligned(64)));
static struct padded_spin spins[MICRO_MAX_THREADS];

static void spin_setup(int nthreads) {
  for (int i = 0; i < nthreads; i++) {
    BENCH_CHECK(pthread_spin_init(&spins[i].s, PTHREAD_PROCESS_PRIVATE));
    spins[i].count = 0;
  }
}

static void spin_teardown(int nthreads) {
  for (int i = 0; i < nthreads; i++)
    BENCH_CHECK(pthread_spin_destroy(&spins[i].s));
}

static uint64_t spin_pair(int tid, int nthreads, long n) {
  (void)nthreads;
  struct padded_spin *s = &spins[tid];
  for (long i = 0; i < n; i++) {
    pthread_spin_lock(&s->s);
    s->count++;
    pthread_spin_unlock(&s->s);
  }
  return s->count;
}

const struct micro_case micro_lock_cases[] = {
    {"mutex-pair", 1, mutex_setup, mutex_pair, mutex_teardown},
    {"mutex-nested-pair", 1, mutex_setup, mutex_nested, mutex_teardown},
    {"rwlock-read-pair", 1, rwlock_setup, rwlock_read_pair, rwlock_teardown},
    {"spinlock-pair", 1, spin_setup, spin_pair, spin_teardown},
    {0},
};
