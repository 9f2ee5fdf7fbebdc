/* Thread pool with a bounded job queue.
 *
 * A fixed set of workers pulls jobs from a bounded queue; the submitter
 * pushes batches of jobs and waits for each batch with a wait group
 * (mutex + condvar counter), the way a request handler fans work out and
 * joins it. Jobs are small (a few microseconds of hashing over a shared,
 * read-only table) so that the pool's synchronisation is a visible part of
 * the cost, as in real servers; each job merges its result into one of a
 * few sharded accumulators under that shard's lock.
 *
 *   threadpool [-n BATCHES] [-t WORKERS]
 * Output: the merged result, identical for any schedule. */
#include <pthread.h>

#include "../common/bench.h"
#include "../common/bqueue.h"

#define JOBS_PER_BATCH 64
#define TABLE_WORDS 4096
#define SHARDS 8

struct job {
  uint32_t batch, index;
  uint32_t rounds;
  struct waitgroup *done;
};

struct waitgroup {
  pthread_mutex_t lock;
  pthread_cond_t zero;
  int pending;
};

struct shard {
  pthread_mutex_t lock;
  uint64_t sum, xor, count;
} __attribute__((aligned(64)));

struct pool {
  struct bqueue jobs;
  pthread_t *threads;
  int nthreads;
  struct shard shards[SHARDS];
};

static uint64_t table[TABLE_WORDS];

static void wg_init(struct waitgroup *wg) {
  BENCH_CHECK(pthread_mutex_init(&wg->lock, NULL));
  BENCH_CHECK(pthread_cond_init(&wg->zero, NULL));
  wg->pending = 0;
}

static void wg_add(struct waitgroup *wg, int n) {
  pthread_mutex_lock(&wg->lock);
  wg->pending += n;
  pthread_mutex_unlock(&wg->lock);
}

static void wg_done(struct waitgroup *wg) {
  pthread_mutex_lock(&wg->lock);
  if (--wg->pending == 0)
    pthread_cond_broadcast(&wg->zero);
  pthread_mutex_unlock(&wg->lock);
}

static void wg_wait(struct waitgroup *wg) {
  pthread_mutex_lock(&wg->lock);
  while (wg->pending > 0)
    pthread_cond_wait(&wg->zero, &wg->lock);
  pthread_mutex_unlock(&wg->lock);
}

static void wg_destroy(struct waitgroup *wg) {
  BENCH_CHECK(pthread_cond_destroy(&wg->zero));
  BENCH_CHECK(pthread_mutex_destroy(&wg->lock));
}

/* The job's work: a data-dependent walk over the shared table. */
static uint64_t job_compute(const struct job *j) {
  uint64_t h = bench_mix(BENCH_MIX_INIT, ((uint64_t)j->batch << 32) | j->index);
  for (uint32_t r = 0; r < j->rounds; r++)
    h = bench_mix(h, table[h % TABLE_WORDS]);
  return h;
}

static void pool_merge(struct pool *p, uint64_t v) {
  struct shard *s = &p->shards[v % SHARDS];
  pthread_mutex_lock(&s->lock);
  s->sum += v;
  s->xor ^= v;
  s->count++;
  pthread_mutex_unlock(&s->lock);
}

static void *worker(void *arg) {
  struct pool *p = arg;
  uint64_t v;
  while (bq_pop(&p->jobs, &v) == 0) {
    struct job *j = (struct job *)(uintptr_t)v;
    pool_merge(p, job_compute(j));
    wg_done(j->done);
  }
  return NULL;
}

static void pool_start(struct pool *p, int nthreads) {
  bq_init(&p->jobs, 32);
  for (int i = 0; i < SHARDS; i++) {
    BENCH_CHECK(pthread_mutex_init(&p->shards[i].lock, NULL));
    p->shards[i].sum = p->shards[i].xor = p->shards[i].count = 0;
  }
  p->nthreads = nthreads;
  p->threads = calloc((size_t)nthreads, sizeof(*p->threads));
  if (!p->threads)
    bench_fail("out of memory");
  for (int i = 0; i < nthreads; i++)
    BENCH_CHECK(pthread_create(&p->threads[i], NULL, worker, p));
}

static void pool_submit(struct pool *p, struct job *j) {
  if (bq_push(&p->jobs, (uint64_t)(uintptr_t)j) != 0)
    bench_fail("submit to a closed pool");
}

static void pool_stop(struct pool *p) {
  bq_close(&p->jobs);
  for (int i = 0; i < p->nthreads; i++)
    BENCH_CHECK(pthread_join(p->threads[i], NULL));
  bq_destroy(&p->jobs);
  free(p->threads);
}

int main(int argc, char **argv) {
  long batches = bench_arg_long(argc, argv, "-n", 12000);
  int nthreads = (int)bench_arg_long(argc, argv, "-t", 3);

  uint64_t seed = 42;
  for (int i = 0; i < TABLE_WORDS; i++)
    table[i] = bench_rand(&seed);

  struct pool p;
  pool_start(&p, nthreads);
  struct job jobs[JOBS_PER_BATCH];
  struct waitgroup wg;
  wg_init(&wg);
  for (long b = 0; b < batches; b++) {
    wg_add(&wg, JOBS_PER_BATCH);
    for (int i = 0; i < JOBS_PER_BATCH; i++) {
      /* Uneven job sizes, as real request mixes have. */
      jobs[i] = (struct job){.batch = (uint32_t)b, .index = (uint32_t)i,
                             .rounds = 20 + (uint32_t)((b * 31 + i * 7) % 60), .done = &wg};
      pool_submit(&p, &jobs[i]);
    }
    /* The jobs array is reused: every job of the batch must be finished. */
    wg_wait(&wg);
  }
  pool_stop(&p);
  wg_destroy(&wg);

  uint64_t sum = 0, x = 0, count = 0;
  for (int i = 0; i < SHARDS; i++) {
    sum += p.shards[i].sum;
    x ^= p.shards[i].xor;
    count += p.shards[i].count;
    BENCH_CHECK(pthread_mutex_destroy(&p.shards[i].lock));
  }
  printf("threadpool batches %ld jobs %llu sum %016llx xor %016llx\n", batches,
         (unsigned long long)count, (unsigned long long)sum, (unsigned long long)x);
  return 0;
}
