/* Many instances of one lock class: a table of bucket locks made in one
 * loop (so all share one class: one init site), where each operation takes
 * 2 to 4 distinct random buckets in ascending index order, updates them and
 * releases them in reverse.
 *
 * Ascending order is the discipline that keeps multi-bucket operations
 * deadlock-free, so a checker has nothing to report; what this measures is
 * what the checker pays for the instance-level order it must still track
 * (two instances of one class taken together say nothing about the class's
 * order with itself), whatever the number of instances.
 *
 * Each worker owns the counters of the operations it performs (a worker
 * adds its id + 1 to every bucket it takes), so the final sums are the same
 * for every schedule and can be checksummed.
 *
 *   buckets [-n OPS_PER_WORKER] [-t WORKERS] [-b BUCKETS] */
#include <pthread.h>

#include "../common/bench.h"

struct bucket {
  pthread_mutex_t lock;
  uint64_t sum;
};

static struct bucket *buckets;
static long nbuckets, ops;

static void take_sorted(long *idx, int k) {
  for (int i = 1; i < k; i++)
    for (int j = i; j > 0 && idx[j] < idx[j - 1]; j--) {
      long t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
}

static void *worker(void *arg) {
  long id = (long)arg;
  uint64_t rng = 0x5eed0000u + (uint64_t)id;
  for (long op = 0; op < ops; op++) {
    long idx[4];
    int k = 2 + (int)(bench_rand(&rng) % 3);
    for (int i = 0; i < k; i++) {
      long b;
      int dup;
      do {
        b = (long)(bench_rand(&rng) % (uint64_t)nbuckets);
        dup = 0;
        for (int j = 0; j < i; j++)
          dup |= idx[j] == b;
      } while (dup);
      idx[i] = b;
    }
    take_sorted(idx, k);
    for (int i = 0; i < k; i++)
      pthread_mutex_lock(&buckets[idx[i]].lock);
    for (int i = 0; i < k; i++)
      buckets[idx[i]].sum += (uint64_t)id + 1;
    for (int i = k - 1; i >= 0; i--)
      pthread_mutex_unlock(&buckets[idx[i]].lock);
  }
  return NULL;
}

int main(int argc, char **argv) {
  ops = bench_arg_long(argc, argv, "-n", 200000);
  long workers = bench_arg_long(argc, argv, "-t", 1);
  nbuckets = bench_arg_long(argc, argv, "-b", 1000);
  if (workers > 64 || nbuckets < 4)
    bench_fail("need 1-64 workers and at least 4 buckets");
  buckets = calloc((size_t)nbuckets, sizeof(*buckets));
  if (!buckets)
    bench_fail("out of memory");
  for (long i = 0; i < nbuckets; i++)
    BENCH_CHECK(pthread_mutex_init(&buckets[i].lock, NULL));

  uint64_t t0 = bench_now_ns();
  pthread_t th[64];
  for (long w = 0; w < workers; w++)
    BENCH_CHECK(pthread_create(&th[w], NULL, worker, (void *)w));
  for (long w = 0; w < workers; w++)
    BENCH_CHECK(pthread_join(th[w], NULL));
  uint64_t t1 = bench_now_ns();

  uint64_t h = BENCH_MIX_INIT;
  for (long i = 0; i < nbuckets; i++) {
    h = bench_mix(h, buckets[i].sum);
    BENCH_CHECK(pthread_mutex_destroy(&buckets[i].lock));
  }
  printf("buckets %ld workers %ld ops %ld checksum %016llx\n", nbuckets, workers, ops,
         (unsigned long long)h);
  printf("time %.3f s, %.0f ops/s\n", (double)(t1 - t0) / 1e9,
         (double)(ops * workers) / ((double)(t1 - t0) / 1e9));
  free(buckets);
  return 0;
}
