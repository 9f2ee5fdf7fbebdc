/* Barrier-synchronised 2-D heat stencil (Jacobi iteration).
 *
 * The grid is split into bands of rows, one per worker. Every step, each
 * worker computes its band of the next grid from the current one, then all
 * meet at a barrier before the grids swap roles, so no worker reads a row
 * its neighbour is still writing. Every CHECK_EVERY steps the workers
 * publish their band's residual and, after a second barrier, the serial
 * thread combines them in worker order (a deterministic floating-point
 * sum) and decides whether to stop early; a mutex guards the shared
 * convergence record that every worker reads after each step.
 *
 *   stencil [-n STEPS] [-t WORKERS] */
#include <math.h>
#include <pthread.h>

#include "../common/bench.h"

/* Large enough that a step's work dwarfs a barrier's wake-up, so the run
 * measures the program rather than the scheduler of a loaded machine. */
#define N 1024
#define CHECK_EVERY 25

struct shared {
  double *cur, *next;
  int steps, nworkers;
  pthread_barrier_t step_done, residual_ready;
  double *band_residual; /* one slot per worker */
  pthread_mutex_t record_lock;
  double last_residual;
  int checks, stop;
};

struct worker {
  pthread_t thread;
  struct shared *s;
  int id, row0, row1;
};

static double sweep_band(double *restrict out, const double *restrict in, int r0, int r1) {
  double res = 0;
  for (int i = r0; i < r1; i++) {
    if (i == 0 || i == N - 1)
      continue;
    for (int j = 1; j < N - 1; j++) {
      double v = 0.25 * (in[(i - 1) * N + j] + in[(i + 1) * N + j] + in[i * N + j - 1] +
                         in[i * N + j + 1]);
      double d = v - in[i * N + j];
      res += d * d;
      out[i * N + j] = v;
    }
  }
  return res;
}

static void *worker_main(void *arg) {
  struct worker *w = arg;
  struct shared *s = w->s;
  double *cur = s->cur, *next = s->next;
  for (int step = 0; step < s->steps; step++) {
    double res = sweep_band(next, cur, w->row0, w->row1);
    double *t = cur;
    cur = next;
    next = t;
    if ((step + 1) % CHECK_EVERY == 0) {
      s->band_residual[w->id] = res;
      int rc = pthread_barrier_wait(&s->residual_ready);
      if (rc == PTHREAD_BARRIER_SERIAL_THREAD) {
        double total = 0;
        for (int k = 0; k < s->nworkers; k++)
          total += s->band_residual[k];
        pthread_mutex_lock(&s->record_lock);
        s->last_residual = sqrt(total);
        s->checks++;
        if (s->last_residual < 1e-9)
          s->stop = 1;
        pthread_mutex_unlock(&s->record_lock);
      } else if (rc != 0) {
        bench_fail("pthread_barrier_wait");
      }
    }
    /* Everyone has finished reading `next` (now `cur`'s old self) and the
     * stop decision is published before anyone writes again. */
    int rc = pthread_barrier_wait(&s->step_done);
    if (rc != 0 && rc != PTHREAD_BARRIER_SERIAL_THREAD)
      bench_fail("pthread_barrier_wait");
    pthread_mutex_lock(&s->record_lock);
    int stop = s->stop;
    pthread_mutex_unlock(&s->record_lock);
    if (stop)
      break;
  }
  return NULL;
}

int main(int argc, char **argv) {
  struct shared s = {0};
  s.steps = (int)bench_arg_long(argc, argv, "-n", 2000);
  s.nworkers = (int)bench_arg_long(argc, argv, "-t", 2);
  s.cur = calloc(N * N, sizeof(double));
  s.next = calloc(N * N, sizeof(double));
  s.band_residual = calloc((size_t)s.nworkers, sizeof(double));
  struct worker *w = calloc((size_t)s.nworkers, sizeof(*w));
  if (!s.cur || !s.next || !s.band_residual || !w)
    bench_fail("out of memory");
  /* Hot left edge, cold elsewhere; boundaries are fixed in both grids. */
  for (int i = 0; i < N; i++) {
    s.cur[i * N] = s.next[i * N] = 100.0;
    s.cur[i * N + N - 1] = s.next[i * N + N - 1] = (double)(i % 7);
  }
  BENCH_CHECK(pthread_barrier_init(&s.step_done, NULL, (unsigned)s.nworkers));
  BENCH_CHECK(pthread_barrier_init(&s.residual_ready, NULL, (unsigned)s.nworkers));
  BENCH_CHECK(pthread_mutex_init(&s.record_lock, NULL));
  for (int i = 0; i < s.nworkers; i++) {
    w[i] = (struct worker){.s = &s, .id = i, .row0 = N * i / s.nworkers,
                           .row1 = N * (i + 1) / s.nworkers};
    BENCH_CHECK(pthread_create(&w[i].thread, NULL, worker_main, &w[i]));
  }
  for (int i = 0; i < s.nworkers; i++)
    BENCH_CHECK(pthread_join(w[i].thread, NULL));

  /* Which buffer holds the final grid depends only on the step count. */
  int done = s.stop ? s.checks * CHECK_EVERY : s.steps;
  const double *final = done % 2 ? s.next : s.cur;
  double total = 0;
  for (int i = 0; i < N * N; i++)
    total += final[i];
  printf("stencil steps %d checks %d residual %.9e heat %.9e\n", done, s.checks,
         s.last_residual, total);
  BENCH_CHECK(pthread_barrier_destroy(&s.step_done));
  BENCH_CHECK(pthread_barrier_destroy(&s.residual_ready));
  BENCH_CHECK(pthread_mutex_destroy(&s.record_lock));
  free(s.cur);
  free(s.next);
  free(s.band_residual);
  free(w);
  return 0;
}
