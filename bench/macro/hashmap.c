/* Lock-striped hash map under a mixed load.
 *
 * The map has a fixed bucket array guarded by STRIPES reader-writer locks
 * (bucket b is guarded by stripe b % STRIPES); lookups take the stripe
 * shared, inserts and deletes take it exclusive. A "move" re-keys an entry
 * and takes two stripes, always in ascending stripe order, the discipline
 * that keeps multi-stripe operations deadlock-free. A global mutex guards
 * the map-wide statistics that a resize policy would read.
 *
 * Workers run a mix of 80% lookups, 12% inserts/updates, 5% deletes and
 * 3% moves over a shared key space. Each worker mutates only keys it owns
 * (key % workers == its id) while reading everyone's, so the final content
 * is the same for every schedule and can be checksummed.
 *
 *   hashmap [-n OPS_PER_WORKER] [-t WORKERS] */
#include <pthread.h>

#include "../common/bench.h"

#define BUCKETS 16384
#define STRIPES 64
#define KEYS 50000

struct node {
  uint64_t key, value;
  struct node *next;
};

struct stripe {
  pthread_rwlock_t lock;
} __attribute__((aligned(64)));

struct map {
  struct node *buckets[BUCKETS];
  struct stripe stripes[STRIPES];
  pthread_mutex_t stats_lock;
  long entries;
};

static uint64_t hash_key(uint64_t k) { return bench_mix(BENCH_MIX_INIT, k); }
static unsigned bucket_of(uint64_t k) { return (unsigned)(hash_key(k) % BUCKETS); }
static struct stripe *stripe_of(struct map *m, unsigned b) { return &m->stripes[b % STRIPES]; }

static void map_init(struct map *m) {
  memset(m->buckets, 0, sizeof(m->buckets));
  for (int i = 0; i < STRIPES; i++)
    BENCH_CHECK(pthread_rwlock_init(&m->stripes[i].lock, NULL));
  BENCH_CHECK(pthread_mutex_init(&m->stats_lock, NULL));
  m->entries = 0;
}

static void stats_add(struct map *m, long d) {
  pthread_mutex_lock(&m->stats_lock);
  m->entries += d;
  pthread_mutex_unlock(&m->stats_lock);
}

static int map_get(struct map *m, uint64_t key, uint64_t *value) {
  unsigned b = bucket_of(key);
  struct stripe *s = stripe_of(m, b);
  int found = 0;
  pthread_rwlock_rdlock(&s->lock);
  for (struct node *n = m->buckets[b]; n; n = n->next)
    if (n->key == key) {
      *value = n->value;
      found = 1;
      break;
    }
  pthread_rwlock_unlock(&s->lock);
  return found;
}

/* Caller holds the bucket's stripe exclusively. Returns 1 if inserted. */
static int bucket_put(struct map *m, unsigned b, uint64_t key, uint64_t value,
                      struct node **spare) {
  for (struct node *n = m->buckets[b]; n; n = n->next)
    if (n->key == key) {
      n->value = value;
      return 0;
    }
  struct node *n = *spare;
  *spare = NULL;
  n->key = key;
  n->value = value;
  n->next = m->buckets[b];
  m->buckets[b] = n;
  return 1;
}

/* Caller holds the bucket's stripe exclusively. Returns the unlinked node. */
static struct node *bucket_take(struct map *m, unsigned b, uint64_t key) {
  for (struct node **pp = &m->buckets[b]; *pp; pp = &(*pp)->next)
    if ((*pp)->key == key) {
      struct node *n = *pp;
      *pp = n->next;
      return n;
    }
  return NULL;
}

static void map_put(struct map *m, uint64_t key, uint64_t value) {
  unsigned b = bucket_of(key);
  struct stripe *s = stripe_of(m, b);
  /* Allocate outside the lock, as a careful map does. */
  struct node *spare = malloc(sizeof(*spare));
  if (!spare)
    bench_fail("out of memory");
  pthread_rwlock_wrlock(&s->lock);
  int inserted = bucket_put(m, b, key, value, &spare);
  pthread_rwlock_unlock(&s->lock);
  free(spare);
  if (inserted)
    stats_add(m, 1);
}

static void map_delete(struct map *m, uint64_t key) {
  unsigned b = bucket_of(key);
  struct stripe *s = stripe_of(m, b);
  pthread_rwlock_wrlock(&s->lock);
  struct node *n = bucket_take(m, b, key);
  pthread_rwlock_unlock(&s->lock);
  if (n) {
    free(n);
    stats_add(m, -1);
  }
}

/* Re-key an entry atomically: both stripes held, lower index first. */
static void map_move(struct map *m, uint64_t from, uint64_t to) {
  unsigned bf = bucket_of(from), bt = bucket_of(to);
  unsigned sf = bf % STRIPES, st = bt % STRIPES;
  unsigned lo = sf < st ? sf : st, hi = sf < st ? st : sf;
  pthread_rwlock_wrlock(&m->stripes[lo].lock);
  if (hi != lo)
    pthread_rwlock_wrlock(&m->stripes[hi].lock);
  struct node *n = bucket_take(m, bf, from);
  int net = 0;
  if (n) {
    struct node *old = bucket_take(m, bt, to);
    n->key = to;
    n->next = m->buckets[bt];
    m->buckets[bt] = n;
    if (old) {
      free(old);
      net = -1;
    }
  }
  if (hi != lo)
    pthread_rwlock_unlock(&m->stripes[hi].lock);
  pthread_rwlock_unlock(&m->stripes[lo].lock);
  if (net)
    stats_add(m, net);
}

struct worker {
  pthread_t thread;
  struct map *m;
  int id, nworkers;
  long ops;
  uint64_t lookups;
};

/* A key this worker owns, drawn from the shared key space. */
static uint64_t own_key(uint64_t r, int id, int nworkers) {
  uint64_t k = r % KEYS;
  return k - k % (uint64_t)nworkers + (uint64_t)id;
}

static void *worker_main(void *arg) {
  struct worker *w = arg;
  uint64_t rng = 1000 + (uint64_t)w->id, v;
  for (long i = 0; i < w->ops; i++) {
    uint64_t r = bench_rand(&rng);
    unsigned pick = (unsigned)(r >> 56) % 100;
    if (pick < 80) {
      w->lookups++;
      (void)map_get(w->m, r % KEYS, &v);
    } else if (pick < 92) {
      map_put(w->m, own_key(r, w->id, w->nworkers), r >> 8);
    } else if (pick < 97) {
      map_delete(w->m, own_key(r, w->id, w->nworkers));
    } else {
      uint64_t to = own_key(bench_rand(&rng), w->id, w->nworkers);
      map_move(w->m, own_key(r, w->id, w->nworkers), to);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  long ops = bench_arg_long(argc, argv, "-n", 16000000);
  int nworkers = (int)bench_arg_long(argc, argv, "-t", 3);

  static struct map m;
  map_init(&m);
  struct worker *w = calloc((size_t)nworkers, sizeof(*w));
  if (!w)
    bench_fail("out of memory");
  for (int i = 0; i < nworkers; i++) {
    w[i] = (struct worker){.m = &m, .id = i, .nworkers = nworkers, .ops = ops};
    BENCH_CHECK(pthread_create(&w[i].thread, NULL, worker_main, &w[i]));
  }
  uint64_t lookups = 0;
  for (int i = 0; i < nworkers; i++) {
    BENCH_CHECK(pthread_join(w[i].thread, NULL));
    lookups += w[i].lookups;
  }

  /* Order-independent digest of the final content, then tear down. */
  uint64_t digest = 0;
  long counted = 0;
  for (unsigned b = 0; b < BUCKETS; b++) {
    struct node *n = m.buckets[b];
    while (n) {
      struct node *next = n->next;
      digest += bench_mix(bench_mix(BENCH_MIX_INIT, n->key), n->value);
      counted++;
      free(n);
      n = next;
    }
  }
  if (counted != m.entries)
    bench_fail("entry count out of step with the map");
  for (int i = 0; i < STRIPES; i++)
    BENCH_CHECK(pthread_rwlock_destroy(&m.stripes[i].lock));
  BENCH_CHECK(pthread_mutex_destroy(&m.stats_lock));
  free(w);
  printf("hashmap workers %d ops %ld lookups %llu entries %ld digest %016llx\n", nworkers, ops,
         (unsigned long long)lookups, counted, (unsigned long long)digest);
  return 0;
}
