/* Micro benchmark driver.
 *
 *   micro CASE THREADS ITERS      run one case (THREADS 1, or 2 plus an idle third)
 *   micro --list                  print "CASE MIN_THREADS" lines
 *
 * Prints "micro CASE tTHREADS checksum X" (deterministic) and
 * "time ns_per_op Y" (the mean over workers of their timed loop, measured
 * with CLOCK_MONOTONIC around the loop only). Each worker first runs an
 * untimed warm-up of ITERS/16 operations, so the checker has already seen
 * every lock, lock order and site before the clock starts. */
#include <pthread.h>
#include <unistd.h>

#include "../common/bench.h"
#include "cases.h"

static const struct micro_case *const *all_tables(void) {
  static const struct micro_case *const tables[] = {micro_lock_cases, micro_sync_cases,
                                                    micro_queue_cases, micro_atomic_cases,
                                                    NULL};
  return tables;
}

static const struct micro_case *find_case(const char *name) {
  for (const struct micro_case *const *t = all_tables(); *t; t++)
    for (const struct micro_case *c = *t; c->name; c++)
      if (strcmp(c->name, name) == 0)
        return c;
  return NULL;
}

/* Phase hand-off between workers, kept out of the timed loops and built on
 * plain atomics rather than on the primitives being measured. */
static int arrived;
static void rendezvous(int nthreads, int generation) {
  __atomic_add_fetch(&arrived, 1, __ATOMIC_ACQ_REL);
  while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < nthreads * generation)
    sched_yield();
}

struct worker {
  pthread_t thread;
  const struct micro_case *c;
  int tid, nthreads;
  long iters;
  uint64_t checksum, ns;
};

static void *worker_main(void *arg) {
  struct worker *w = arg;
  long warm = w->iters / 16 ? w->iters / 16 : 1;
  w->c->run(w->tid, w->nthreads, warm);
  rendezvous(w->nthreads, 1);
  uint64_t t0 = bench_now_ns();
  w->checksum = w->c->run(w->tid, w->nthreads, w->iters);
  w->ns = bench_now_ns() - t0;
  return NULL;
}

/* The idle third thread: alive for the whole run, blocked in read(2), so
 * a checker's per-thread bookkeeping has one more thread to carry. */
static int idle_pipe[2];
static void *idle_main(void *arg) {
  (void)arg;
  char c;
  while (read(idle_pipe[0], &c, 1) < 0)
    ;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (const struct micro_case *const *t = all_tables(); *t; t++)
      for (const struct micro_case *c = *t; c->name; c++)
        printf("%s %d\n", c->name, c->min_threads);
    return 0;
  }
  if (argc != 4) {
    fprintf(stderr, "usage: %s CASE THREADS ITERS | --list\n", argv[0]);
    return 2;
  }
  const struct micro_case *c = find_case(argv[1]);
  int nthreads = atoi(argv[2]);
  long iters = atol(argv[3]);
  if (!c || nthreads < 1 || nthreads > MICRO_MAX_THREADS || iters < 1 ||
      nthreads < c->min_threads) {
    fprintf(stderr, "micro: bad case, thread count or iteration count\n");
    return 2;
  }

  pthread_t idle;
  if (nthreads > 1) {
    if (pipe(idle_pipe) != 0)
      bench_fail("pipe");
    BENCH_CHECK(pthread_create(&idle, NULL, idle_main, NULL));
  }
  c->setup(nthreads);
  struct worker w[MICRO_MAX_THREADS];
  for (int i = 0; i < nthreads; i++) {
    w[i] = (struct worker){.c = c, .tid = i, .nthreads = nthreads, .iters = iters};
    if (nthreads == 1)
      worker_main(&w[i]);
    else
      BENCH_CHECK(pthread_create(&w[i].thread, NULL, worker_main, &w[i]));
  }
  uint64_t checksum = 0, ns = 0;
  for (int i = 0; i < nthreads; i++) {
    if (nthreads > 1)
      BENCH_CHECK(pthread_join(w[i].thread, NULL));
    checksum += w[i].checksum;
    ns += w[i].ns;
  }
  c->teardown(nthreads);
  if (nthreads > 1) {
    close(idle_pipe[1]);
    BENCH_CHECK(pthread_join(idle, NULL));
    close(idle_pipe[0]);
  }
  printf("micro %s t%d checksum %llu\n", c->name, nthreads, (unsigned long long)checksum);
  printf("time ns_per_op %.3f\n", (double)ns / nthreads / (double)iters);
  return 0;
}
