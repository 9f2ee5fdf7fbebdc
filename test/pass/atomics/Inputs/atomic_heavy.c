/* atomic_heavy.c: a real-size, atomics-heavy C11 program written for
 * syncsan's tests. Every synchronisation primitive here is correct: its
 * atomics are naturally aligned, independently written atomics sit on
 * their own cache lines, memory orders are valid, fences come with the
 * atomics they order, and plain accesses only touch objects before they
 * are shared. Compiled, it must draw no syncsan diagnostic; run, it must
 * draw no syncsan report and print "all checks passed".
 *
 * With -DWITH_BUGS a handful of marked bugs are compiled in, and exactly
 * those must be reported (the BUG lines are FileCheck patterns).
 *
 * Contents:
 *   1. utilities: cache-line padding, a per-thread random generator
 *   2. locks: test-and-test-and-set spinlock, ticket lock packed in one
 *      word, reader-writer spinlock
 *   3. a seqlock protecting a small record
 *   4. a single-producer single-consumer ring
 *   5. a bounded multi-producer multi-consumer queue (per-cell sequences)
 *   6. a Treiber stack over an index array with ABA tags
 *   7. reference-counted buffers
 *   8. per-thread statistics slots
 *   9. an insert-only concurrent hash set (open addressing)
 *  10. an atomic bitmap allocator
 *  11. a sense-reversing barrier
 *  12. a work-stealing deque (Chase-Lev, with fences)
 *  13. epoch-based reclamation
 *  14. lazy one-time initialisation
 *  15. a token-bucket rate limiter
 *  16. an event count
 *  17. the driver: threads run every component and check invariants
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>

/* ===================================================================== */
/* 1. utilities                                                          */
/* ===================================================================== */

#define CACHELINE 64
#define ALIGNED_LINE _Alignas(CACHELINE)
#define NTHREADS 4
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

ALIGNED_LINE static _Atomic int failures;

static void fail_at(const char *what, const char *file, int line) {
  fprintf(stderr, "FAILED: %s at %s:%d\n", what, file, line);
  failures++;
}
#define EXPECT(cond)                                                           \
  do {                                                                         \
    if (!(cond))                                                               \
      fail_at(#cond, __FILE__, __LINE__);                                      \
  } while (0)

/* xorshift64*: each thread keeps its own state. */
struct rng {
  uint64_t s;
};

static void rng_seed(struct rng *r, uint64_t seed) {
  r->s = seed * 0x9E3779B97F4A7C15ull + 1;
}

static uint64_t rng_next(struct rng *r) {
  uint64_t x = r->s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  r->s = x;
  return x * 0x2545F4914F6CDD1Dull;
}

static unsigned rng_below(struct rng *r, unsigned n) {
  return (unsigned)(rng_next(r) % n);
}

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  atomic_signal_fence(memory_order_seq_cst);
#endif
}

/* Exponential backoff for contended retry loops. */
struct backoff {
  unsigned spins;
};

static void backoff_init(struct backoff *b) { b->spins = 1; }

static void backoff_wait(struct backoff *b) {
  for (unsigned i = 0; i < b->spins; i++)
    cpu_relax();
  if (b->spins < 1024)
    b->spins <<= 1;
  else
    sched_yield();
}

/* ===================================================================== */
/* 2. locks                                                              */
/* ===================================================================== */

/* Test-and-test-and-set spinlock: spins on a relaxed load so that the
 * line stays shared until the lock looks free. */
struct spinlock {
  _Atomic bool locked;
};

static void spin_init(struct spinlock *l) {
  atomic_init(&l->locked, false);
}

static void spin_lock(struct spinlock *l) {
  struct backoff b;
  backoff_init(&b);
  for (;;) {
    if (!atomic_exchange_explicit(&l->locked, true, memory_order_acquire))
      return;
    while (atomic_load_explicit(&l->locked, memory_order_relaxed))
      backoff_wait(&b);
  }
}

static bool spin_trylock(struct spinlock *l) {
  return !atomic_load_explicit(&l->locked, memory_order_relaxed) &&
         !atomic_exchange_explicit(&l->locked, true, memory_order_acquire);
}

static void spin_unlock(struct spinlock *l) {
  atomic_store_explicit(&l->locked, false, memory_order_release);
}

/* Ticket lock with both counters in one word, as kernels pack them: the
 * low half is the ticket being served, the high half the next ticket. */
struct ticket_lock {
  _Atomic uint64_t word;
};

#define TICKET_ONE ((uint64_t)1 << 32)

static void ticket_init(struct ticket_lock *t) {
  atomic_init(&t->word, 0);
}

static void ticket_lock(struct ticket_lock *t) {
  uint64_t old = atomic_fetch_add_explicit(&t->word, TICKET_ONE, memory_order_relaxed);
  uint32_t mine = (uint32_t)(old >> 32);
  for (;;) {
    uint64_t now = atomic_load_explicit(&t->word, memory_order_acquire);
    if ((uint32_t)now == mine)
      return;
    cpu_relax();
  }
}

static void ticket_unlock(struct ticket_lock *t) {
  /* Only the holder increments the low half; it never carries into the
   * high half because it never passes the next ticket. */
  atomic_fetch_add_explicit(&t->word, 1, memory_order_release);
}

static unsigned ticket_waiters(struct ticket_lock *t) {
  uint64_t now = atomic_load_explicit(&t->word, memory_order_relaxed);
  return (unsigned)((uint32_t)(now >> 32) - (uint32_t)now);
}

/* Reader-writer spinlock: bit 0 is the writer, the rest count readers;
 * a waiting writer sets bit 1 so that new readers hold off. */
struct rwspin {
  _Atomic uint32_t state;
};

#define RW_WRITER 1u
#define RW_PENDING 2u
#define RW_READER 4u

static void rw_init(struct rwspin *l) { atomic_init(&l->state, 0); }

static void rw_read_lock(struct rwspin *l) {
  struct backoff b;
  backoff_init(&b);
  for (;;) {
    uint32_t s = atomic_load_explicit(&l->state, memory_order_relaxed);
    if (!(s & (RW_WRITER | RW_PENDING)) &&
        atomic_compare_exchange_weak_explicit(&l->state, &s, s + RW_READER,
                                              memory_order_acquire, memory_order_relaxed))
      return;
    backoff_wait(&b);
  }
}

static void rw_read_unlock(struct rwspin *l) {
  atomic_fetch_sub_explicit(&l->state, RW_READER, memory_order_release);
}

static void rw_write_lock(struct rwspin *l) {
  struct backoff b;
  backoff_init(&b);
  for (;;) {
    uint32_t s = atomic_load_explicit(&l->state, memory_order_relaxed);
    if ((s & ~RW_PENDING) == 0) {
      if (atomic_compare_exchange_weak_explicit(&l->state, &s, RW_WRITER,
                                                memory_order_acquire, memory_order_relaxed))
        return;
    } else if (!(s & RW_PENDING)) {
      atomic_fetch_or_explicit(&l->state, RW_PENDING, memory_order_relaxed);
    }
    backoff_wait(&b);
  }
}

static void rw_write_unlock(struct rwspin *l) {
  atomic_fetch_and_explicit(&l->state, ~(RW_WRITER | RW_PENDING), memory_order_release);
}

/* ===================================================================== */
/* 3. seqlock                                                            */
/* ===================================================================== */

/* The record is read optimistically: a reader retries when the sequence
 * was odd (a write in progress) or changed under it. The payload is made of
 * relaxed atomics so that the racy reads are not data races. */
struct position {
  ALIGNED_LINE _Atomic uint32_t seq;
  _Atomic int64_t x, y, z;
  _Atomic uint64_t stamp;
};

static void position_init(struct position *p) {
  atomic_init(&p->seq, 0);
  atomic_init(&p->x, 0);
  atomic_init(&p->y, 0);
  atomic_init(&p->z, 0);
  atomic_init(&p->stamp, 0);
}

static void position_write(struct position *p, int64_t x, int64_t y, int64_t z,
                           uint64_t stamp) {
  uint32_t s = atomic_load_explicit(&p->seq, memory_order_relaxed);
  atomic_store_explicit(&p->seq, s + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&p->x, x, memory_order_relaxed);
  atomic_store_explicit(&p->y, y, memory_order_relaxed);
  atomic_store_explicit(&p->z, z, memory_order_relaxed);
  atomic_store_explicit(&p->stamp, stamp, memory_order_relaxed);
  atomic_store_explicit(&p->seq, s + 2, memory_order_release);
}

struct position_snapshot {
  int64_t x, y, z;
  uint64_t stamp;
};

static struct position_snapshot position_read(struct position *p) {
  struct position_snapshot snap;
  for (;;) {
    uint32_t s1 = atomic_load_explicit(&p->seq, memory_order_acquire);
    if (s1 & 1) {
      cpu_relax();
      continue;
    }
    snap.x = atomic_load_explicit(&p->x, memory_order_relaxed);
    snap.y = atomic_load_explicit(&p->y, memory_order_relaxed);
    snap.z = atomic_load_explicit(&p->z, memory_order_relaxed);
    snap.stamp = atomic_load_explicit(&p->stamp, memory_order_relaxed);
    atomic_thread_fence(memory_order_acquire);
    uint32_t s2 = atomic_load_explicit(&p->seq, memory_order_relaxed);
    if (s1 == s2)
      return snap;
  }
}

/* ===================================================================== */
/* 4. single-producer single-consumer ring                               */
/* ===================================================================== */

#define SPSC_CAP 256 /* a power of two */

/* The producer writes tail, the consumer writes head: each index has its
 * own cache line, and each side keeps a private copy of the other's index
 * so that it rarely has to read the other's line. */
struct spsc_ring {
  ALIGNED_LINE _Atomic size_t head;
  size_t tail_cache; /* consumer's view of tail */
  ALIGNED_LINE _Atomic size_t tail;
  size_t head_cache; /* producer's view of head */
  ALIGNED_LINE uint64_t slots[SPSC_CAP];
};

static struct spsc_ring *spsc_new(void) {
  struct spsc_ring *r = aligned_alloc(CACHELINE, sizeof *r);
  if (!r)
    abort();
  atomic_init(&r->head, 0);
  atomic_init(&r->tail, 0);
  r->tail_cache = 0;
  r->head_cache = 0;
  return r;
}

static bool spsc_push(struct spsc_ring *r, uint64_t v) {
  size_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
  if (t - r->head_cache == SPSC_CAP) {
    r->head_cache = atomic_load_explicit(&r->head, memory_order_acquire);
    if (t - r->head_cache == SPSC_CAP)
      return false;
  }
  r->slots[t & (SPSC_CAP - 1)] = v;
  atomic_store_explicit(&r->tail, t + 1, memory_order_release);
  return true;
}

static bool spsc_pop(struct spsc_ring *r, uint64_t *out) {
  size_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
  if (h == r->tail_cache) {
    r->tail_cache = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (h == r->tail_cache)
      return false;
  }
  *out = r->slots[h & (SPSC_CAP - 1)];
  atomic_store_explicit(&r->head, h + 1, memory_order_release);
  return true;
}

static size_t spsc_size(struct spsc_ring *r) {
  size_t t = atomic_load_explicit(&r->tail, memory_order_acquire);
  size_t h = atomic_load_explicit(&r->head, memory_order_acquire);
  return t - h;
}

/* ===================================================================== */
/* 5. bounded multi-producer multi-consumer queue                        */
/* ===================================================================== */

/* Each cell carries a sequence number: equal to the position when free
 * for the producer of that lap, position + 1 when full for its consumer. */
struct mpmc_cell {
  _Atomic size_t seq;
  uint64_t value;
};

struct mpmc_queue {
  struct mpmc_cell *cells;
  size_t mask;
  ALIGNED_LINE _Atomic size_t enqueue_pos;
  ALIGNED_LINE _Atomic size_t dequeue_pos;
};

static void mpmc_init(struct mpmc_queue *q, size_t capacity) {
  q->cells = calloc(capacity, sizeof *q->cells);
  if (!q->cells)
    abort();
  q->mask = capacity - 1;
  for (size_t i = 0; i < capacity; i++)
    atomic_init(&q->cells[i].seq, i);
  atomic_init(&q->enqueue_pos, 0);
  atomic_init(&q->dequeue_pos, 0);
}

static void mpmc_destroy(struct mpmc_queue *q) { free(q->cells); }

static bool mpmc_enqueue(struct mpmc_queue *q, uint64_t v) {
  size_t pos = atomic_load_explicit(&q->enqueue_pos, memory_order_relaxed);
  for (;;) {
    struct mpmc_cell *c = &q->cells[pos & q->mask];
    size_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
    intptr_t dif = (intptr_t)seq - (intptr_t)pos;
    if (dif == 0) {
      if (atomic_compare_exchange_weak_explicit(&q->enqueue_pos, &pos, pos + 1,
                                                memory_order_relaxed, memory_order_relaxed)) {
        c->value = v;
        atomic_store_explicit(&c->seq, pos + 1, memory_order_release);
        return true;
      }
    } else if (dif < 0) {
      return false; /* full */
    } else {
      pos = atomic_load_explicit(&q->enqueue_pos, memory_order_relaxed);
    }
  }
}

static bool mpmc_dequeue(struct mpmc_queue *q, uint64_t *out) {
  size_t pos = atomic_load_explicit(&q->dequeue_pos, memory_order_relaxed);
  for (;;) {
    struct mpmc_cell *c = &q->cells[pos & q->mask];
    size_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
    intptr_t dif = (intptr_t)seq - (intptr_t)(pos + 1);
    if (dif == 0) {
      if (atomic_compare_exchange_weak_explicit(&q->dequeue_pos, &pos, pos + 1,
                                                memory_order_relaxed, memory_order_relaxed)) {
        *out = c->value;
        atomic_store_explicit(&c->seq, pos + q->mask + 1, memory_order_release);
        return true;
      }
    } else if (dif < 0) {
      return false; /* empty */
    } else {
      pos = atomic_load_explicit(&q->dequeue_pos, memory_order_relaxed);
    }
  }
}

/* ===================================================================== */
/* 6. Treiber stack over an index array                                  */
/* ===================================================================== */

/* Nodes live in an array and are named by index, so a popped node can be
 * reused without freeing memory; the top word pairs the index with a tag
 * that changes on every update, which defeats ABA. */
#define STACK_NODES 1024
#define STACK_NIL UINT32_MAX

struct stack_node {
  _Atomic uint32_t next;
  uint32_t payload;
};

struct index_stack {
  ALIGNED_LINE _Atomic uint64_t top; /* tag << 32 | index */
  struct stack_node nodes[STACK_NODES];
};

static inline uint64_t stack_word(uint32_t tag, uint32_t idx) {
  return (uint64_t)tag << 32 | idx;
}

static void stack_init(struct index_stack *s) {
  atomic_init(&s->top, stack_word(0, STACK_NIL));
  for (uint32_t i = 0; i < STACK_NODES; i++) {
    atomic_init(&s->nodes[i].next, STACK_NIL);
    s->nodes[i].payload = 0;
  }
}

static void stack_push(struct index_stack *s, uint32_t idx) {
  uint64_t old = atomic_load_explicit(&s->top, memory_order_relaxed);
  uint64_t new_word;
  do {
    atomic_store_explicit(&s->nodes[idx].next, (uint32_t)old, memory_order_relaxed);
    new_word = stack_word((uint32_t)(old >> 32) + 1, idx);
  } while (!atomic_compare_exchange_weak_explicit(&s->top, &old, new_word,
                                                  memory_order_release, memory_order_relaxed));
}

static uint32_t stack_pop(struct index_stack *s) {
  uint64_t old = atomic_load_explicit(&s->top, memory_order_acquire);
  for (;;) {
    uint32_t idx = (uint32_t)old;
    if (idx == STACK_NIL)
      return STACK_NIL;
    uint32_t next = atomic_load_explicit(&s->nodes[idx].next, memory_order_relaxed);
    uint64_t new_word = stack_word((uint32_t)(old >> 32) + 1, next);
    if (atomic_compare_exchange_weak_explicit(&s->top, &old, new_word, memory_order_acquire,
                                              memory_order_acquire))
      return idx;
  }
}

/* ===================================================================== */
/* 7. reference-counted buffers                                          */
/* ===================================================================== */

struct buffer {
  _Atomic uint32_t refs;
  uint32_t len;
  unsigned char data[];
};

ALIGNED_LINE static _Atomic long buffers_alive;

static struct buffer *buffer_new(uint32_t len, unsigned char fill) {
  struct buffer *b = malloc(sizeof *b + len);
  if (!b)
    abort();
  atomic_init(&b->refs, 1);
  b->len = len;
  memset(b->data, fill, len);
  atomic_fetch_add_explicit(&buffers_alive, 1, memory_order_relaxed);
  return b;
}

static struct buffer *buffer_get(struct buffer *b) {
  atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
  return b;
}

static void buffer_put(struct buffer *b) {
  if (atomic_fetch_sub_explicit(&b->refs, 1, memory_order_release) == 1) {
    atomic_thread_fence(memory_order_acquire);
    atomic_fetch_sub_explicit(&buffers_alive, 1, memory_order_relaxed);
    free(b);
  }
}

static uint64_t buffer_checksum(const struct buffer *b) {
  uint64_t sum = 0;
  for (uint32_t i = 0; i < b->len; i++)
    sum = sum * 31 + b->data[i];
  return sum;
}

/* ===================================================================== */
/* 8. per-thread statistics slots                                        */
/* ===================================================================== */

/* Each thread counts into its own line; readers sum the slots. Counts are
 * relaxed: nothing is ordered by them. */
enum stat_kind { STAT_PUSH, STAT_POP, STAT_STEAL, STAT_RETRY, STAT_ALLOC, STAT_KINDS };

struct stat_slot {
  ALIGNED_LINE _Atomic uint64_t count[STAT_KINDS];
};

static struct stat_slot stat_slots[NTHREADS];

static void stat_add(unsigned thread, enum stat_kind k, uint64_t n) {
  atomic_fetch_add_explicit(&stat_slots[thread].count[k], n, memory_order_relaxed);
}

static uint64_t stat_total(enum stat_kind k) {
  uint64_t sum = 0;
  for (unsigned t = 0; t < NTHREADS; t++)
    sum += atomic_load_explicit(&stat_slots[t].count[k], memory_order_relaxed);
  return sum;
}

/* ===================================================================== */
/* 9. insert-only concurrent hash set                                    */
/* ===================================================================== */

/* Open addressing with linear probing; a slot's key goes from 0 (empty)
 * to its final value once, by compare-exchange, so lookups need no lock. */
#define HSET_BITS 12
#define HSET_SIZE (1u << HSET_BITS)

struct hash_set {
  _Atomic uint64_t keys[HSET_SIZE];
  ALIGNED_LINE _Atomic uint32_t count;
};

static void hset_init(struct hash_set *h) {
  for (unsigned i = 0; i < HSET_SIZE; i++)
    atomic_init(&h->keys[i], 0);
  atomic_init(&h->count, 0);
}

static uint32_t hset_hash(uint64_t key) {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  return (uint32_t)key & (HSET_SIZE - 1);
}

/* Returns true when key was added by this call; key must not be 0. */
static bool hset_insert(struct hash_set *h, uint64_t key) {
  uint32_t i = hset_hash(key);
  for (unsigned probes = 0; probes < HSET_SIZE; probes++) {
    uint64_t cur = atomic_load_explicit(&h->keys[i], memory_order_acquire);
    if (cur == key)
      return false;
    if (cur == 0) {
      uint64_t expected = 0;
      if (atomic_compare_exchange_strong_explicit(&h->keys[i], &expected, key,
                                                  memory_order_acq_rel,
                                                  memory_order_acquire)) {
        atomic_fetch_add_explicit(&h->count, 1, memory_order_relaxed);
        return true;
      }
      if (expected == key)
        return false;
    }
    i = (i + 1) & (HSET_SIZE - 1);
  }
  return false; /* full */
}

static bool hset_contains(struct hash_set *h, uint64_t key) {
  uint32_t i = hset_hash(key);
  for (unsigned probes = 0; probes < HSET_SIZE; probes++) {
    uint64_t cur = atomic_load_explicit(&h->keys[i], memory_order_acquire);
    if (cur == key)
      return true;
    if (cur == 0)
      return false;
    i = (i + 1) & (HSET_SIZE - 1);
  }
  return false;
}

/* ===================================================================== */
/* 10. atomic bitmap allocator                                           */
/* ===================================================================== */

#define BITMAP_WORDS 16
#define BITMAP_BITS (BITMAP_WORDS * 64)

struct bitmap_alloc {
  _Atomic uint64_t words[BITMAP_WORDS];
  ALIGNED_LINE _Atomic uint32_t hint;
};

static void bitmap_init(struct bitmap_alloc *a) {
  for (unsigned i = 0; i < BITMAP_WORDS; i++)
    atomic_init(&a->words[i], 0);
  atomic_init(&a->hint, 0);
}

/* Claims a free bit; returns its number or -1 when all are taken. */
static int bitmap_claim(struct bitmap_alloc *a) {
  uint32_t start = atomic_load_explicit(&a->hint, memory_order_relaxed) % BITMAP_WORDS;
  for (unsigned n = 0; n < BITMAP_WORDS; n++) {
    unsigned w = (start + n) % BITMAP_WORDS;
    uint64_t cur = atomic_load_explicit(&a->words[w], memory_order_relaxed);
    while (~cur) {
      unsigned bit = (unsigned)__builtin_ctzll(~cur);
      uint64_t mask = (uint64_t)1 << bit;
      uint64_t prev = atomic_fetch_or_explicit(&a->words[w], mask, memory_order_acquire);
      if (!(prev & mask)) {
        atomic_store_explicit(&a->hint, w, memory_order_relaxed);
        return (int)(w * 64 + bit);
      }
      cur = prev | mask;
    }
  }
  return -1;
}

static void bitmap_release(struct bitmap_alloc *a, int bit) {
  unsigned w = (unsigned)bit / 64;
  uint64_t mask = (uint64_t)1 << ((unsigned)bit % 64);
  uint64_t prev = atomic_fetch_and_explicit(&a->words[w], ~mask, memory_order_release);
  if (!(prev & mask))
    fail_at("bitmap bit released twice", __FILE__, __LINE__);
}

static unsigned bitmap_used(struct bitmap_alloc *a) {
  unsigned n = 0;
  for (unsigned i = 0; i < BITMAP_WORDS; i++)
    n += (unsigned)__builtin_popcountll(atomic_load_explicit(&a->words[i], memory_order_relaxed));
  return n;
}

/* ===================================================================== */
/* 11. sense-reversing barrier                                           */
/* ===================================================================== */

struct spin_barrier {
  ALIGNED_LINE _Atomic uint32_t remaining;
  _Atomic uint32_t sense;
  uint32_t parties;
};

static void barrier_init(struct spin_barrier *b, uint32_t parties) {
  atomic_init(&b->remaining, parties);
  atomic_init(&b->sense, 0);
  b->parties = parties;
}

/* local_sense is the caller's own flag, flipped on every wait. Returns
 * true in exactly one of the parties (the last to arrive). */
static bool barrier_wait(struct spin_barrier *b, uint32_t *local_sense) {
  uint32_t s = *local_sense ^ 1;
  *local_sense = s;
  if (atomic_fetch_sub_explicit(&b->remaining, 1, memory_order_acq_rel) == 1) {
    atomic_store_explicit(&b->remaining, b->parties, memory_order_relaxed);
    atomic_store_explicit(&b->sense, s, memory_order_release);
    return true;
  }
  struct backoff bo;
  backoff_init(&bo);
  while (atomic_load_explicit(&b->sense, memory_order_acquire) != s)
    backoff_wait(&bo);
  return false;
}

/* ===================================================================== */
/* 12. work-stealing deque (Chase-Lev)                                   */
/* ===================================================================== */

/* The owner pushes and takes at the bottom; thieves steal at the top. The
 * seq_cst fences order the owner's bottom update against its read of top,
 * and a thief's read of top against its read of bottom (the classic
 * C11 formulation). The buffer does not grow: a full push fails. */
#define DEQUE_CAP 512

struct ws_deque {
  ALIGNED_LINE _Atomic int64_t top;
  ALIGNED_LINE _Atomic int64_t bottom;
  ALIGNED_LINE _Atomic uint64_t items[DEQUE_CAP];
};

static void deque_init(struct ws_deque *d) {
  atomic_init(&d->top, 0);
  atomic_init(&d->bottom, 0);
  for (unsigned i = 0; i < DEQUE_CAP; i++)
    atomic_init(&d->items[i], 0);
}

static bool deque_push(struct ws_deque *d, uint64_t v) {
  int64_t b = atomic_load_explicit(&d->bottom, memory_order_relaxed);
  int64_t t = atomic_load_explicit(&d->top, memory_order_acquire);
  if (b - t >= DEQUE_CAP)
    return false;
  atomic_store_explicit(&d->items[b % DEQUE_CAP], v, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&d->bottom, b + 1, memory_order_relaxed);
  return true;
}

static bool deque_take(struct ws_deque *d, uint64_t *out) {
  int64_t b = atomic_load_explicit(&d->bottom, memory_order_relaxed) - 1;
  atomic_store_explicit(&d->bottom, b, memory_order_relaxed);
  atomic_thread_fence(memory_order_seq_cst);
  int64_t t = atomic_load_explicit(&d->top, memory_order_relaxed);
  if (t > b) {
    atomic_store_explicit(&d->bottom, b + 1, memory_order_relaxed);
    return false;
  }
  *out = atomic_load_explicit(&d->items[b % DEQUE_CAP], memory_order_relaxed);
  if (t == b) {
    bool won = atomic_compare_exchange_strong_explicit(&d->top, &t, t + 1,
                                                       memory_order_seq_cst,
                                                       memory_order_relaxed);
    atomic_store_explicit(&d->bottom, b + 1, memory_order_relaxed);
    return won;
  }
  return true;
}

static bool deque_steal(struct ws_deque *d, uint64_t *out) {
  int64_t t = atomic_load_explicit(&d->top, memory_order_acquire);
  atomic_thread_fence(memory_order_seq_cst);
  int64_t b = atomic_load_explicit(&d->bottom, memory_order_acquire);
  if (t >= b)
    return false;
  uint64_t v = atomic_load_explicit(&d->items[t % DEQUE_CAP], memory_order_relaxed);
  if (!atomic_compare_exchange_strong_explicit(&d->top, &t, t + 1, memory_order_seq_cst,
                                               memory_order_relaxed))
    return false;
  *out = v;
  return true;
}

/* ===================================================================== */
/* 13. epoch-based reclamation                                           */
/* ===================================================================== */

/* A reader announces the global epoch it entered in; memory retired in
 * epoch e is freed once every active reader has moved past e. */
#define EPOCH_IDLE UINT64_MAX
#define RETIRE_MAX 64

struct epoch_slot {
  ALIGNED_LINE _Atomic uint64_t active_epoch;
};

struct retired {
  void *ptr;
  uint64_t epoch;
};

struct epoch_domain {
  ALIGNED_LINE _Atomic uint64_t global_epoch;
  struct epoch_slot slots[NTHREADS];
};

/* Retired lists are per thread and only touched by their owner. */
struct retire_list {
  struct retired items[RETIRE_MAX];
  unsigned n;
  uint64_t freed;
};

static void epoch_init(struct epoch_domain *d) {
  atomic_init(&d->global_epoch, 1);
  for (unsigned i = 0; i < NTHREADS; i++)
    atomic_init(&d->slots[i].active_epoch, EPOCH_IDLE);
}

static void epoch_enter(struct epoch_domain *d, unsigned self) {
  uint64_t e = atomic_load_explicit(&d->global_epoch, memory_order_relaxed);
  atomic_store_explicit(&d->slots[self].active_epoch, e, memory_order_relaxed);
  /* The announcement must be visible before any read of shared data. */
  atomic_thread_fence(memory_order_seq_cst);
}

static void epoch_exit(struct epoch_domain *d, unsigned self) {
  atomic_store_explicit(&d->slots[self].active_epoch, EPOCH_IDLE, memory_order_release);
}

static uint64_t epoch_min_active(struct epoch_domain *d) {
  /* Pairs with the fence in epoch_enter: either the reader sees the new
   * pointer, or we see its announcement. */
  atomic_thread_fence(memory_order_seq_cst);
  uint64_t min = EPOCH_IDLE;
  for (unsigned i = 0; i < NTHREADS; i++) {
    uint64_t e = atomic_load_explicit(&d->slots[i].active_epoch, memory_order_acquire);
    if (e < min)
      min = e;
  }
  return min;
}

static void epoch_collect(struct epoch_domain *d, struct retire_list *l) {
  uint64_t safe = epoch_min_active(d);
  unsigned kept = 0;
  for (unsigned i = 0; i < l->n; i++) {
    if (l->items[i].epoch < safe) {
      free(l->items[i].ptr);
      l->freed++;
    } else {
      l->items[kept++] = l->items[i];
    }
  }
  l->n = kept;
}

static void epoch_retire(struct epoch_domain *d, struct retire_list *l, void *p) {
  uint64_t e = atomic_fetch_add_explicit(&d->global_epoch, 1, memory_order_acq_rel);
  l->items[l->n].ptr = p;
  l->items[l->n].epoch = e;
  l->n++;
  if (l->n == RETIRE_MAX)
    epoch_collect(d, l);
  while (l->n == RETIRE_MAX) {
    sched_yield();
    epoch_collect(d, l);
  }
}

/* A shared configuration object replaced under epoch protection. */
struct config {
  uint64_t version;
  uint64_t limits[4];
};

ALIGNED_LINE static _Atomic(struct config *) current_config;

static struct config *config_make(uint64_t version) {
  struct config *c = malloc(sizeof *c);
  if (!c)
    abort();
  c->version = version;
  for (unsigned i = 0; i < 4; i++)
    c->limits[i] = version * (i + 1);
  return c;
}

static uint64_t config_read(struct epoch_domain *d, unsigned self) {
  epoch_enter(d, self);
  struct config *c = atomic_load_explicit(&current_config, memory_order_acquire);
  uint64_t v = c->version;
  if (c->limits[3] != v * 4)
    fail_at("torn configuration", __FILE__, __LINE__);
  epoch_exit(d, self);
  return v;
}

static void config_update(struct epoch_domain *d, struct retire_list *l, uint64_t version) {
  struct config *fresh = config_make(version);
  struct config *old =
      atomic_exchange_explicit(&current_config, fresh, memory_order_acq_rel);
  epoch_retire(d, l, old);
}

/* ===================================================================== */
/* 14. lazy one-time initialisation                                      */
/* ===================================================================== */

/* Double-checked initialisation: the fast path is one acquire load; the
 * slow path serialises initialisers on a spinlock. */
struct lookup_table {
  uint32_t squares[256];
  uint32_t checksum;
};

ALIGNED_LINE static _Atomic(struct lookup_table *) table_instance;
ALIGNED_LINE static struct spinlock table_lock;

static struct lookup_table *table_build(void) {
  struct lookup_table *t = malloc(sizeof *t);
  if (!t)
    abort();
  uint32_t sum = 0;
  for (uint32_t i = 0; i < 256; i++) {
    t->squares[i] = i * i;
    sum += t->squares[i];
  }
  t->checksum = sum;
  return t;
}

static struct lookup_table *table_get(void) {
  struct lookup_table *t = atomic_load_explicit(&table_instance, memory_order_acquire);
  if (t)
    return t;
  spin_lock(&table_lock);
  t = atomic_load_explicit(&table_instance, memory_order_relaxed);
  if (!t) {
    t = table_build();
    atomic_store_explicit(&table_instance, t, memory_order_release);
  }
  spin_unlock(&table_lock);
  return t;
}

/* ===================================================================== */
/* 15. token-bucket rate limiter                                         */
/* ===================================================================== */

/* The bucket is one word: tokens in the low 32 bits, the refill tick it
 * was last topped up at in the high 32 bits, updated by compare-exchange. */
struct token_bucket {
  ALIGNED_LINE _Atomic uint64_t state;
  uint32_t capacity;
  uint32_t per_tick;
};

static void bucket_init(struct token_bucket *b, uint32_t capacity, uint32_t per_tick) {
  atomic_init(&b->state, capacity);
  b->capacity = capacity;
  b->per_tick = per_tick;
}

static bool bucket_take(struct token_bucket *b, uint32_t now_tick, uint32_t n) {
  uint64_t old = atomic_load_explicit(&b->state, memory_order_relaxed);
  for (;;) {
    uint32_t tokens = (uint32_t)old;
    uint32_t last = (uint32_t)(old >> 32);
    if (now_tick > last) {
      uint64_t refill = (uint64_t)(now_tick - last) * b->per_tick + tokens;
      tokens = refill > b->capacity ? b->capacity : (uint32_t)refill;
      last = now_tick;
    }
    if (tokens < n)
      return false;
    uint64_t desired = (uint64_t)last << 32 | (tokens - n);
    if (atomic_compare_exchange_weak_explicit(&b->state, &old, desired, memory_order_relaxed,
                                              memory_order_relaxed))
      return true;
  }
}

/* ===================================================================== */
/* 16. event count                                                       */
/* ===================================================================== */

/* A waiter reads the count, re-checks its condition, then waits for the
 * count to move; a notifier changes the condition, then bumps the count. */
struct event_count {
  ALIGNED_LINE _Atomic uint32_t epoch;
};

static void event_init(struct event_count *e) { atomic_init(&e->epoch, 0); }

static uint32_t event_prepare(struct event_count *e) {
  return atomic_load_explicit(&e->epoch, memory_order_acquire);
}

static void event_wait(struct event_count *e, uint32_t key) {
  struct backoff b;
  backoff_init(&b);
  while (atomic_load_explicit(&e->epoch, memory_order_acquire) == key)
    backoff_wait(&b);
}

static void event_notify(struct event_count *e) {
  atomic_fetch_add_explicit(&e->epoch, 1, memory_order_release);
}

/* A flag-carrying mailbox built on the event count: one writer posts
 * values, one reader takes them in order. */
struct mailbox {
  ALIGNED_LINE _Atomic uint64_t value;
  ALIGNED_LINE _Atomic bool full;
  struct event_count posted;
  struct event_count taken;
};

static void mailbox_init(struct mailbox *m) {
  atomic_init(&m->value, 0);
  atomic_init(&m->full, false);
  event_init(&m->posted);
  event_init(&m->taken);
}

static void mailbox_post(struct mailbox *m, uint64_t v) {
  for (;;) {
    uint32_t key = event_prepare(&m->taken);
    if (!atomic_load_explicit(&m->full, memory_order_acquire))
      break;
    event_wait(&m->taken, key);
  }
  atomic_store_explicit(&m->value, v, memory_order_relaxed);
  atomic_store_explicit(&m->full, true, memory_order_release);
  event_notify(&m->posted);
}

static uint64_t mailbox_take(struct mailbox *m) {
  for (;;) {
    uint32_t key = event_prepare(&m->posted);
    if (atomic_load_explicit(&m->full, memory_order_acquire))
      break;
    event_wait(&m->posted, key);
  }
  uint64_t v = atomic_load_explicit(&m->value, memory_order_relaxed);
  atomic_store_explicit(&m->full, false, memory_order_release);
  event_notify(&m->taken);
  return v;
}

/* ===================================================================== */
/* 18. MCS queue lock                                                    */
/* ===================================================================== */

/* Each waiter spins on its own node, so a release touches one waiter's
 * line instead of every waiter's. Nodes are per thread and per lock. */
struct mcs_node {
  ALIGNED_LINE _Atomic(struct mcs_node *) next;
  _Atomic bool waiting;
};

struct mcs_lock {
  ALIGNED_LINE _Atomic(struct mcs_node *) tail;
};

static void mcs_init(struct mcs_lock *l) { atomic_init(&l->tail, NULL); }

static void mcs_acquire(struct mcs_lock *l, struct mcs_node *me) {
  atomic_store_explicit(&me->next, NULL, memory_order_relaxed);
  atomic_store_explicit(&me->waiting, true, memory_order_relaxed);
  struct mcs_node *prev = atomic_exchange_explicit(&l->tail, me, memory_order_acq_rel);
  if (!prev)
    return;
  atomic_store_explicit(&prev->next, me, memory_order_release);
  while (atomic_load_explicit(&me->waiting, memory_order_acquire))
    cpu_relax();
}

static void mcs_release(struct mcs_lock *l, struct mcs_node *me) {
  struct mcs_node *succ = atomic_load_explicit(&me->next, memory_order_acquire);
  if (!succ) {
    struct mcs_node *expected = me;
    if (atomic_compare_exchange_strong_explicit(&l->tail, &expected, NULL,
                                                memory_order_release, memory_order_relaxed))
      return;
    while (!(succ = atomic_load_explicit(&me->next, memory_order_acquire)))
      cpu_relax();
  }
  atomic_store_explicit(&succ->waiting, false, memory_order_release);
}

/* ===================================================================== */
/* 19. Michael-Scott queue over a node pool                              */
/* ===================================================================== */

/* Links are (tag, index) words so that a node recycled through the pool
 * cannot be mistaken for its former self. The pool is the Treiber stack
 * of section 6. */
#define MSQ_NODES 512
#define MSQ_NIL 0xffffffffu

struct msq_node {
  _Atomic uint64_t next; /* tag << 32 | index */
  _Atomic uint64_t value;
};

struct ms_queue {
  ALIGNED_LINE _Atomic uint64_t head;
  ALIGNED_LINE _Atomic uint64_t tail;
  struct msq_node nodes[MSQ_NODES];
  struct index_stack pool;
};

static inline uint32_t link_index(uint64_t w) { return (uint32_t)w; }
static inline uint32_t link_tag(uint64_t w) { return (uint32_t)(w >> 32); }
static inline uint64_t link_make(uint32_t tag, uint32_t idx) {
  return (uint64_t)tag << 32 | idx;
}

static void msq_init(struct ms_queue *q) {
  stack_init(&q->pool);
  for (uint32_t i = 1; i < MSQ_NODES; i++)
    stack_push(&q->pool, i);
  /* Node 0 is the initial dummy. */
  for (uint32_t i = 0; i < MSQ_NODES; i++) {
    atomic_init(&q->nodes[i].next, link_make(0, MSQ_NIL));
    atomic_init(&q->nodes[i].value, 0);
  }
  atomic_init(&q->head, link_make(0, 0));
  atomic_init(&q->tail, link_make(0, 0));
}

static bool msq_enqueue(struct ms_queue *q, uint64_t v) {
  uint32_t idx = stack_pop(&q->pool);
  if (idx == STACK_NIL)
    return false;
  struct msq_node *n = &q->nodes[idx];
  atomic_store_explicit(&n->value, v, memory_order_relaxed);
  uint64_t old_next = atomic_load_explicit(&n->next, memory_order_relaxed);
  atomic_store_explicit(&n->next, link_make(link_tag(old_next) + 1, MSQ_NIL),
                        memory_order_relaxed);
  for (;;) {
    uint64_t tail = atomic_load_explicit(&q->tail, memory_order_acquire);
    struct msq_node *t = &q->nodes[link_index(tail)];
    uint64_t next = atomic_load_explicit(&t->next, memory_order_acquire);
    if (tail != atomic_load_explicit(&q->tail, memory_order_acquire))
      continue;
    if (link_index(next) == MSQ_NIL) {
      if (atomic_compare_exchange_weak_explicit(&t->next, &next,
                                                link_make(link_tag(next) + 1, idx),
                                                memory_order_release, memory_order_relaxed)) {
        uint64_t expected = tail;
        atomic_compare_exchange_strong_explicit(&q->tail, &expected,
                                                link_make(link_tag(tail) + 1, idx),
                                                memory_order_release, memory_order_relaxed);
        return true;
      }
    } else {
      uint64_t expected = tail;
      atomic_compare_exchange_strong_explicit(&q->tail, &expected,
                                              link_make(link_tag(tail) + 1, link_index(next)),
                                              memory_order_release, memory_order_relaxed);
    }
  }
}

static bool msq_dequeue(struct ms_queue *q, uint64_t *out) {
  for (;;) {
    uint64_t head = atomic_load_explicit(&q->head, memory_order_acquire);
    uint64_t tail = atomic_load_explicit(&q->tail, memory_order_acquire);
    struct msq_node *h = &q->nodes[link_index(head)];
    uint64_t next = atomic_load_explicit(&h->next, memory_order_acquire);
    if (head != atomic_load_explicit(&q->head, memory_order_acquire))
      continue;
    if (link_index(next) == MSQ_NIL)
      return false;
    if (link_index(head) == link_index(tail)) {
      uint64_t expected = tail;
      atomic_compare_exchange_strong_explicit(&q->tail, &expected,
                                              link_make(link_tag(tail) + 1, link_index(next)),
                                              memory_order_release, memory_order_relaxed);
      continue;
    }
    uint64_t v = atomic_load_explicit(&q->nodes[link_index(next)].value, memory_order_relaxed);
    if (atomic_compare_exchange_weak_explicit(&q->head, &head,
                                              link_make(link_tag(head) + 1, link_index(next)),
                                              memory_order_acq_rel, memory_order_relaxed)) {
      *out = v;
      stack_push(&q->pool, link_index(head));
      return true;
    }
  }
}

/* ===================================================================== */
/* 20. hazard pointers                                                   */
/* ===================================================================== */

/* A reader publishes the pointer it is about to use, then re-reads the
 * source to confirm it; a reclaimer frees only retired pointers that no
 * hazard slot holds. */
#define HP_RETIRE_MAX 32

struct hazard_slot {
  ALIGNED_LINE _Atomic(void *) ptr;
};

static struct hazard_slot hazards[NTHREADS];

struct hp_retired {
  void *items[HP_RETIRE_MAX];
  unsigned n;
  unsigned long freed;
};

static void *hp_protect(unsigned self, _Atomic(void *) *src) {
  void *p = atomic_load_explicit(src, memory_order_relaxed);
  for (;;) {
    atomic_store_explicit(&hazards[self].ptr, p, memory_order_relaxed);
    atomic_thread_fence(memory_order_seq_cst);
    void *again = atomic_load_explicit(src, memory_order_acquire);
    if (again == p)
      return p;
    p = again;
  }
}

static void hp_clear(unsigned self) {
  atomic_store_explicit(&hazards[self].ptr, NULL, memory_order_release);
}

static bool hp_is_hazard(void *p) {
  for (unsigned i = 0; i < NTHREADS; i++)
    if (atomic_load_explicit(&hazards[i].ptr, memory_order_acquire) == p)
      return true;
  return false;
}

static void hp_scan(struct hp_retired *r) {
  atomic_thread_fence(memory_order_seq_cst);
  unsigned kept = 0;
  for (unsigned i = 0; i < r->n; i++) {
    if (hp_is_hazard(r->items[i])) {
      r->items[kept++] = r->items[i];
    } else {
      free(r->items[i]);
      r->freed++;
    }
  }
  r->n = kept;
}

static void hp_retire(struct hp_retired *r, void *p) {
  r->items[r->n++] = p;
  while (r->n == HP_RETIRE_MAX) {
    hp_scan(r);
    if (r->n == HP_RETIRE_MAX)
      sched_yield();
  }
}

/* A shared record replaced by one writer and read under hazard pointers. */
struct quote {
  uint64_t bid, ask, seq;
};

ALIGNED_LINE static _Atomic(void *) latest_quote;

static struct quote *quote_make(uint64_t seq) {
  struct quote *q = malloc(sizeof *q);
  if (!q)
    abort();
  q->seq = seq;
  q->bid = seq * 10;
  q->ask = seq * 10 + 1;
  return q;
}

/* ===================================================================== */
/* 21. lock-free log buffer                                              */
/* ===================================================================== */

/* Writers reserve space with one fetch_add, fill their record, then mark
 * it committed; the reader drains committed records in order. */
#define LOG_RECORDS 4096

struct log_record {
  _Atomic uint32_t committed;
  uint32_t writer;
  uint64_t payload;
};

struct log_buffer {
  ALIGNED_LINE _Atomic uint32_t reserved;
  ALIGNED_LINE struct log_record records[LOG_RECORDS];
};

static void log_init(struct log_buffer *lb) {
  atomic_init(&lb->reserved, 0);
  for (unsigned i = 0; i < LOG_RECORDS; i++) {
    atomic_init(&lb->records[i].committed, 0);
    lb->records[i].writer = 0;
    lb->records[i].payload = 0;
  }
}

static bool log_append(struct log_buffer *lb, uint32_t writer, uint64_t payload) {
  uint32_t slot = atomic_fetch_add_explicit(&lb->reserved, 1, memory_order_relaxed);
  if (slot >= LOG_RECORDS)
    return false;
  struct log_record *r = &lb->records[slot];
  r->writer = writer;
  r->payload = payload;
  atomic_store_explicit(&r->committed, 1, memory_order_release);
  return true;
}

/* Returns how many records were committed, in order, from the start. */
static unsigned log_committed_prefix(struct log_buffer *lb) {
  unsigned n = 0;
  while (n < LOG_RECORDS &&
         atomic_load_explicit(&lb->records[n].committed, memory_order_acquire))
    n++;
  return n;
}

/* ===================================================================== */
/* 22. counting semaphore and histogram                                  */
/* ===================================================================== */

struct sema {
  ALIGNED_LINE _Atomic int32_t count;
};

static void sema_init(struct sema *s, int32_t n) { atomic_init(&s->count, n); }

static bool sema_try_down(struct sema *s) {
  int32_t c = atomic_load_explicit(&s->count, memory_order_relaxed);
  while (c > 0)
    if (atomic_compare_exchange_weak_explicit(&s->count, &c, c - 1, memory_order_acquire,
                                              memory_order_relaxed))
      return true;
  return false;
}

static void sema_down(struct sema *s) {
  struct backoff b;
  backoff_init(&b);
  while (!sema_try_down(s))
    backoff_wait(&b);
}

static void sema_up(struct sema *s) {
  atomic_fetch_add_explicit(&s->count, 1, memory_order_release);
}

/* A latency histogram: buckets are statistics, so relaxed. */
#define HIST_BUCKETS 16

struct histogram {
  _Atomic uint64_t buckets[HIST_BUCKETS];
};

static void hist_init(struct histogram *h) {
  for (unsigned i = 0; i < HIST_BUCKETS; i++)
    atomic_init(&h->buckets[i], 0);
}

static void hist_record(struct histogram *h, uint64_t value) {
  unsigned b = value ? (unsigned)(63 - __builtin_clzll(value)) : 0;
  if (b >= HIST_BUCKETS)
    b = HIST_BUCKETS - 1;
  atomic_fetch_add_explicit(&h->buckets[b], 1, memory_order_relaxed);
}

static uint64_t hist_count(struct histogram *h) {
  uint64_t n = 0;
  for (unsigned i = 0; i < HIST_BUCKETS; i++)
    n += atomic_load_explicit(&h->buckets[i], memory_order_relaxed);
  return n;
}

/* ===================================================================== */
/* 23. single-writer read-mostly list                                    */
/* ===================================================================== */

/* The writer prepends nodes and unlinks them; readers walk the list under
 * an epoch of section 13, so unlinked nodes outlive every reader that may
 * hold them. */
struct rcu_node {
  _Atomic(struct rcu_node *) next;
  uint64_t key;
};

ALIGNED_LINE static _Atomic(struct rcu_node *) rcu_head;

static void rcu_prepend(uint64_t key) {
  struct rcu_node *n = malloc(sizeof *n);
  if (!n)
    abort();
  n->key = key;
  atomic_init(&n->next, atomic_load_explicit(&rcu_head, memory_order_relaxed));
  atomic_store_explicit(&rcu_head, n, memory_order_release);
}

/* Unlinks the first node with key (single writer); returns it. */
static struct rcu_node *rcu_unlink(uint64_t key) {
  _Atomic(struct rcu_node *) *link = &rcu_head;
  for (;;) {
    struct rcu_node *n = atomic_load_explicit(link, memory_order_relaxed);
    if (!n)
      return NULL;
    if (n->key == key) {
      atomic_store_explicit(link, atomic_load_explicit(&n->next, memory_order_relaxed),
                            memory_order_release);
      return n;
    }
    link = &n->next;
  }
}

static unsigned rcu_count_even(struct epoch_domain *d, unsigned self) {
  epoch_enter(d, self);
  unsigned n = 0;
  for (struct rcu_node *p = atomic_load_explicit(&rcu_head, memory_order_acquire); p;
       p = atomic_load_explicit(&p->next, memory_order_acquire))
    n += (p->key % 2) == 0;
  epoch_exit(d, self);
  return n;
}

/* ===================================================================== */
/* 17. the driver                                                        */
/* ===================================================================== */

#define LOCK_ROUNDS 2000
#define SPSC_ITEMS 20000
#define MPMC_ITEMS 5000
#define STACK_ROUNDS 3000
#define HSET_KEYS 600
#define DEQUE_TASKS 3000
#define CONFIG_UPDATES 200
#define MAILBOX_ITEMS 500
#define BUFFER_ROUNDS 500

ALIGNED_LINE static struct spinlock counter_lock;
static long guarded_counter; /* only under counter_lock */

ALIGNED_LINE static struct ticket_lock tlock;
static long ticket_guarded; /* only under tlock */

ALIGNED_LINE static struct rwspin table_rw;
static uint64_t rw_rows[8]; /* written under the write lock, read under the read lock */

static struct position pos;
static struct spsc_ring *ring;
static struct mpmc_queue mq;
static struct index_stack stk;
static struct hash_set hset;
static struct bitmap_alloc bmap;
static struct spin_barrier phase_barrier;
static struct ws_deque deques[NTHREADS];
static struct epoch_domain edomain;
static struct token_bucket bucket;
static struct mailbox mbox;
ALIGNED_LINE static struct buffer *shared_buffer; /* set before the threads start */

/* What each thread found, read by main after joining. */
struct thread_result {
  ALIGNED_LINE uint64_t mpmc_sum;
  uint64_t deque_sum;
  uint64_t spsc_last;
  uint64_t config_max;
  uint64_t mailbox_sum;
  uint64_t bucket_taken;
  struct retire_list retired;
  struct rng rng;
  uint32_t sense;
};

static struct thread_result results[NTHREADS];

static void phase(unsigned self) {
  (void)self;
  barrier_wait(&phase_barrier, &results[self].sense);
}

static void run_locks(unsigned self) {
  for (unsigned i = 0; i < LOCK_ROUNDS; i++) {
    spin_lock(&counter_lock);
    guarded_counter++;
    spin_unlock(&counter_lock);
    if (spin_trylock(&counter_lock)) {
      guarded_counter += 2;
      spin_unlock(&counter_lock);
      stat_add(self, STAT_RETRY, 1);
    }
    ticket_lock(&tlock);
    ticket_guarded++;
    ticket_unlock(&tlock);
  }
  for (unsigned i = 0; i < LOCK_ROUNDS / 4; i++) {
    if (self == 0 && i % 8 == 0) {
      rw_write_lock(&table_rw);
      for (unsigned r = 0; r < ARRAY_LEN(rw_rows); r++)
        rw_rows[r] = i;
      rw_write_unlock(&table_rw);
    } else {
      rw_read_lock(&table_rw);
      uint64_t first = rw_rows[0];
      for (unsigned r = 1; r < ARRAY_LEN(rw_rows); r++)
        EXPECT(rw_rows[r] == first);
      rw_read_unlock(&table_rw);
    }
  }
}

static void run_seqlock(unsigned self) {
  for (int64_t i = 1; i <= 3000; i++) {
    if (self == 0) {
      position_write(&pos, i, 2 * i, 3 * i, (uint64_t)i);
    } else {
      struct position_snapshot s = position_read(&pos);
      EXPECT(s.y == 2 * s.x && s.z == 3 * s.x && s.stamp == (uint64_t)s.x);
    }
  }
}

static void run_spsc(unsigned self) {
  if (self == 1) {
    for (uint64_t v = 1; v <= SPSC_ITEMS; v++)
      while (!spsc_push(ring, v))
        cpu_relax();
  } else if (self == 2) {
    uint64_t expect = 1, v;
    while (expect <= SPSC_ITEMS) {
      if (spsc_pop(ring, &v)) {
        EXPECT(v == expect);
        expect++;
      } else {
        cpu_relax();
      }
    }
    results[self].spsc_last = expect - 1;
  }
}

static void run_mpmc(unsigned self) {
  uint64_t sum = 0;
  unsigned pushed = 0, popped = 0;
  while (pushed < MPMC_ITEMS || popped < MPMC_ITEMS) {
    if (pushed < MPMC_ITEMS && mpmc_enqueue(&mq, (uint64_t)self * 1000000 + pushed + 1)) {
      pushed++;
      stat_add(self, STAT_PUSH, 1);
    }
    uint64_t v;
    if (popped < MPMC_ITEMS && mpmc_dequeue(&mq, &v)) {
      sum += v;
      popped++;
      stat_add(self, STAT_POP, 1);
    }
  }
  results[self].mpmc_sum = sum;
}

static void run_stack(unsigned self) {
  uint32_t held[8];
  unsigned n = 0;
  for (unsigned i = 0; i < STACK_ROUNDS; i++) {
    if (n < ARRAY_LEN(held) && rng_below(&results[self].rng, 2)) {
      uint32_t idx = stack_pop(&stk);
      if (idx != STACK_NIL) {
        EXPECT(stk.nodes[idx].payload == idx);
        held[n++] = idx;
      }
    } else if (n) {
      stack_push(&stk, held[--n]);
    }
  }
  while (n)
    stack_push(&stk, held[--n]);
}

static void run_buffers(unsigned self) {
  for (unsigned i = 0; i < BUFFER_ROUNDS; i++) {
    struct buffer *mine = buffer_new(32 + i % 32, (unsigned char)self);
    struct buffer *extra = buffer_get(mine);
    struct buffer *shared = buffer_get(shared_buffer);
    EXPECT(buffer_checksum(shared) == buffer_checksum(shared_buffer));
    buffer_put(shared);
    buffer_put(extra);
    buffer_put(mine);
  }
}

static void run_hash_set(unsigned self) {
  for (unsigned i = 1; i <= HSET_KEYS; i++) {
    hset_insert(&hset, (uint64_t)(self + 1) << 32 | i); /* own keys */
    hset_insert(&hset, i);                         /* keys every thread inserts */
  }
  for (unsigned i = 1; i <= HSET_KEYS; i++)
    EXPECT(hset_contains(&hset, (uint64_t)(self + 1) << 32 | i) && hset_contains(&hset, i));
}

static void run_bitmap(unsigned self) {
  int held[16];
  unsigned n = 0;
  for (unsigned i = 0; i < 2000; i++) {
    if (n < ARRAY_LEN(held) && (n == 0 || rng_below(&results[self].rng, 3))) {
      int bit = bitmap_claim(&bmap);
      if (bit >= 0) {
        held[n++] = bit;
        stat_add(self, STAT_ALLOC, 1);
      }
    } else if (n) {
      bitmap_release(&bmap, held[--n]);
    }
  }
  while (n)
    bitmap_release(&bmap, held[--n]);
}

static void run_deques(unsigned self) {
  struct ws_deque *own = &deques[self];
  uint64_t sum = 0;
  unsigned pushed = 0;
  while (pushed < DEQUE_TASKS) {
    for (unsigned k = 0; k < 8 && pushed < DEQUE_TASKS; k++)
      if (deque_push(own, (uint64_t)pushed + 1))
        pushed++;
    uint64_t v;
    if (deque_take(own, &v))
      sum += v;
    unsigned victim = rng_below(&results[self].rng, NTHREADS);
    if (victim != self && deque_steal(&deques[victim], &v)) {
      sum += v;
      stat_add(self, STAT_STEAL, 1);
    }
  }
  uint64_t v;
  while (deque_take(own, &v))
    sum += v;
  results[self].deque_sum = sum;
}

static void run_epochs(unsigned self) {
  uint64_t max = 0;
  for (unsigned i = 0; i < CONFIG_UPDATES; i++) {
    if (self == 0) {
      config_update(&edomain, &results[self].retired, i + 2);
    } else {
      uint64_t v = config_read(&edomain, self);
      if (v > max)
        max = v;
    }
  }
  results[self].config_max = max;
}

static void run_lazy_and_bucket(unsigned self) {
  struct lookup_table *t = table_get();
  EXPECT(t->squares[12] == 144 && t->checksum == table_get()->checksum);
  uint64_t taken = 0;
  for (uint32_t tick = 0; tick < 200; tick++)
    for (unsigned k = 0; k < 4; k++)
      if (bucket_take(&bucket, tick, 1))
        taken++;
  results[self].bucket_taken = taken;
}

static void run_mailbox(unsigned self) {
  if (self == 3) {
    for (uint64_t v = 1; v <= MAILBOX_ITEMS; v++)
      mailbox_post(&mbox, v);
  } else if (self == 0) {
    uint64_t sum = 0;
    for (uint64_t v = 1; v <= MAILBOX_ITEMS; v++) {
      uint64_t got = mailbox_take(&mbox);
      EXPECT(got == v);
      sum += got;
    }
    results[self].mailbox_sum = sum;
  }
}


/* ===================================================================== */
/* 24. more of the driver: the components of sections 18 to 23           */
/* ===================================================================== */

#define MCS_ROUNDS 1000
#define MSQ_ITEMS 3000
#define QUOTE_UPDATES 300
#define SEMA_PERMITS 2

ALIGNED_LINE static struct mcs_lock mcs;
static long mcs_guarded; /* only under mcs */
static struct mcs_node mcs_nodes[NTHREADS];
static struct ms_queue msq;
static struct log_buffer log_buf;
static struct sema permits;
ALIGNED_LINE static _Atomic int32_t inside_permits;
static struct histogram latencies;

struct more_results {
  ALIGNED_LINE uint64_t msq_sum;
  unsigned long quotes_seen;
  struct hp_retired hp;
  unsigned rcu_even_max;
};

static struct more_results more[NTHREADS];

static void run_mcs(unsigned self) {
  for (unsigned i = 0; i < MCS_ROUNDS; i++) {
    mcs_acquire(&mcs, &mcs_nodes[self]);
    mcs_guarded++;
    mcs_release(&mcs, &mcs_nodes[self]);
  }
}

static void run_msq(unsigned self) {
  uint64_t sum = 0;
  unsigned pushed = 0, popped = 0;
  while (pushed < MSQ_ITEMS || popped < MSQ_ITEMS) {
    if (pushed < MSQ_ITEMS && msq_enqueue(&msq, (uint64_t)self * 100000 + pushed + 1))
      pushed++;
    uint64_t v;
    if (popped < MSQ_ITEMS && msq_dequeue(&msq, &v)) {
      sum += v;
      popped++;
    }
  }
  more[self].msq_sum = sum;
}

static void run_hazards(unsigned self) {
  for (unsigned i = 0; i < QUOTE_UPDATES; i++) {
    if (self == 1) {
      struct quote *fresh = quote_make(i + 2);
      void *old = atomic_exchange_explicit(&latest_quote, fresh, memory_order_acq_rel);
      hp_retire(&more[self].hp, old);
    } else {
      struct quote *q = hp_protect(self, &latest_quote);
      EXPECT(q->ask == q->bid + 1 && q->bid == q->seq * 10);
      more[self].quotes_seen++;
      hp_clear(self);
    }
  }
}

static void run_log(unsigned self) {
  for (unsigned i = 0; i < 500; i++)
    EXPECT(log_append(&log_buf, self, (uint64_t)i));
}

static void run_sema(unsigned self) {
  for (unsigned i = 0; i < 500; i++) {
    sema_down(&permits);
    int32_t now = atomic_fetch_add_explicit(&inside_permits, 1, memory_order_relaxed) + 1;
    EXPECT(now <= SEMA_PERMITS);
    hist_record(&latencies, (uint64_t)now << (i % 8));
    atomic_fetch_sub_explicit(&inside_permits, 1, memory_order_relaxed);
    sema_up(&permits);
  }
  (void)self;
}

static void run_rcu(unsigned self) {
  if (self == 2) {
    for (uint64_t k = 1; k <= 200; k++) {
      rcu_prepend(k);
      if (k % 3 == 0) {
        struct rcu_node *gone = rcu_unlink(k - 1);
        if (gone)
          epoch_retire(&edomain, &results[self].retired, gone);
      }
    }
  } else {
    unsigned max = 0;
    for (unsigned i = 0; i < 200; i++) {
      unsigned n = rcu_count_even(&edomain, self);
      if (n > max)
        max = n;
    }
    more[self].rcu_even_max = max;
  }
}

static void more_setup(void) {
  mcs_init(&mcs);
  msq_init(&msq);
  log_init(&log_buf);
  sema_init(&permits, SEMA_PERMITS);
  hist_init(&latencies);
  atomic_store_explicit(&latest_quote, quote_make(1), memory_order_release);
}

static void more_worker(unsigned self) {
  run_mcs(self);
  phase(self);
  run_msq(self);
  phase(self);
  run_hazards(self);
  run_log(self);
  run_sema(self);
  phase(self);
  run_rcu(self);
  phase(self);
}

static void more_verify(void) {
  EXPECT(mcs_guarded == NTHREADS * MCS_ROUNDS);
  uint64_t total = 0, expected = 0;
  for (unsigned t = 0; t < NTHREADS; t++) {
    total += more[t].msq_sum;
    for (unsigned i = 1; i <= MSQ_ITEMS; i++)
      expected += (uint64_t)t * 100000 + i;
  }
  EXPECT(total == expected);
  uint64_t leftover;
  EXPECT(!msq_dequeue(&msq, &leftover));
  EXPECT(log_committed_prefix(&log_buf) == NTHREADS * 500);
  EXPECT(hist_count(&latencies) == NTHREADS * 500);
  EXPECT(atomic_load(&permits.count) == SEMA_PERMITS);
  for (unsigned t = 0; t < NTHREADS; t++)
    EXPECT(more[t].rcu_even_max <= 200);
}

static void more_teardown(void) {
  for (unsigned t = 0; t < NTHREADS; t++) {
    struct hp_retired *r = &more[t].hp;
    for (unsigned i = 0; i < r->n; i++)
      free(r->items[i]);
    r->n = 0;
  }
  free(atomic_load(&latest_quote));
  struct rcu_node *n = atomic_load(&rcu_head);
  while (n) {
    struct rcu_node *next = atomic_load(&n->next);
    free(n);
    n = next;
  }
}

/* ===================================================================== */
/* 25. threads and checks                                                */
/* ===================================================================== */

static void *worker(void *arg) {
  unsigned self = (unsigned)(uintptr_t)arg;
  rng_seed(&results[self].rng, self + 1);
  phase(self);
  run_locks(self);
  phase(self);
  run_seqlock(self);
  run_spsc(self);
  phase(self);
  run_mpmc(self);
  run_stack(self);
  phase(self);
  run_buffers(self);
  run_hash_set(self);
  run_bitmap(self);
  phase(self);
  run_deques(self);
  phase(self);
  run_epochs(self);
  run_lazy_and_bucket(self);
  run_mailbox(self);
  phase(self);
  more_worker(self);
  return NULL;
}

static void setup(void) {
  spin_init(&counter_lock);
  ticket_init(&tlock);
  rw_init(&table_rw);
  spin_init(&table_lock);
  position_init(&pos);
  ring = spsc_new();
  mpmc_init(&mq, 64);
  stack_init(&stk);
  for (uint32_t i = 0; i < STACK_NODES; i++) {
    stk.nodes[i].payload = i;
    stack_push(&stk, i);
  }
  hset_init(&hset);
  bitmap_init(&bmap);
  barrier_init(&phase_barrier, NTHREADS);
  for (unsigned i = 0; i < NTHREADS; i++)
    deque_init(&deques[i]);
  epoch_init(&edomain);
  atomic_store_explicit(&current_config, config_make(1), memory_order_release);
  bucket_init(&bucket, 50, 3);
  mailbox_init(&mbox);
  shared_buffer = buffer_new(64, 7);
  more_setup();
}

static void verify(void) {
  EXPECT(guarded_counter >= NTHREADS * LOCK_ROUNDS);
  EXPECT(ticket_guarded == NTHREADS * LOCK_ROUNDS);
  EXPECT(ticket_waiters(&tlock) == 0);
  EXPECT(results[2].spsc_last == SPSC_ITEMS && spsc_size(ring) == 0);

  uint64_t mpmc_total = 0, mpmc_expected = 0;
  for (unsigned t = 0; t < NTHREADS; t++) {
    mpmc_total += results[t].mpmc_sum;
    for (unsigned i = 1; i <= MPMC_ITEMS; i++)
      mpmc_expected += (uint64_t)t * 1000000 + i;
  }
  EXPECT(mpmc_total == mpmc_expected);
  EXPECT(stat_total(STAT_PUSH) == NTHREADS * MPMC_ITEMS);
  EXPECT(stat_total(STAT_POP) == NTHREADS * MPMC_ITEMS);

  unsigned on_stack = 0;
  while (stack_pop(&stk) != STACK_NIL)
    on_stack++;
  EXPECT(on_stack == STACK_NODES);

  EXPECT(atomic_load(&hset.count) == (NTHREADS + 1) * HSET_KEYS);
  EXPECT(bitmap_used(&bmap) == 0);

  uint64_t deque_total = 0;
  for (unsigned t = 0; t < NTHREADS; t++)
    deque_total += results[t].deque_sum;
  EXPECT(deque_total == (uint64_t)NTHREADS * DEQUE_TASKS * (DEQUE_TASKS + 1) / 2);

  for (unsigned t = 1; t < NTHREADS; t++)
    EXPECT(results[t].config_max <= CONFIG_UPDATES + 1);
  EXPECT(atomic_load(&current_config)->version == CONFIG_UPDATES + 1);

  uint64_t taken = 0;
  for (unsigned t = 0; t < NTHREADS; t++)
    taken += results[t].bucket_taken;
  EXPECT(taken <= 50 + 3 * 200);
  EXPECT(results[0].mailbox_sum == (uint64_t)MAILBOX_ITEMS * (MAILBOX_ITEMS + 1) / 2);

  buffer_put(shared_buffer);
  EXPECT(atomic_load(&buffers_alive) == 0);
  more_verify();
}

static void teardown(void) {
  for (unsigned t = 0; t < NTHREADS; t++) {
    struct retire_list *l = &results[t].retired;
    for (unsigned i = 0; i < l->n; i++)
      free(l->items[i].ptr);
    l->n = 0;
  }
  free(atomic_load(&current_config));
  free(atomic_load(&table_instance));
  mpmc_destroy(&mq);
  free(ring);
  more_teardown();
}

int main(void) {
  setup();
  pthread_t threads[NTHREADS];
  for (unsigned t = 0; t < NTHREADS; t++)
    if (pthread_create(&threads[t], NULL, worker, (void *)(uintptr_t)t) != 0)
      return 2;
  for (unsigned t = 0; t < NTHREADS; t++)
    pthread_join(threads[t], NULL);
  verify();
  teardown();
  printf("steals %llu, allocations %llu, retries %llu\n",
         (unsigned long long)stat_total(STAT_STEAL), (unsigned long long)stat_total(STAT_ALLOC),
         (unsigned long long)stat_total(STAT_RETRY));
  if (atomic_load(&failures)) {
    printf("%d checks failed\n", atomic_load(&failures));
    return 1;
  }
  printf("all checks passed\n");
  return 0;
}

/* ===================================================================== */
/* 26. deliberate bugs (-DWITH_BUGS): each must be reported, and nothing  */
/*     else in this file                                                  */
/* ===================================================================== */
#ifdef WITH_BUGS

ALIGNED_LINE unsigned char bug_page[256];

uint32_t bug_misaligned(void) {
  return atomic_load((_Atomic uint32_t *)(bug_page + 2));
  // BUG-DAG: atomic_heavy.c:[[@LINE-1]]:10: warning: misaligned 4-byte atomic load of 'bug_page+2': it needs 4-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 64) [syncsan-atomic-misaligned]
}

uint64_t bug_split(uint64_t v) {
  return atomic_exchange((_Atomic uint64_t *)(bug_page + 60), v);
  // BUG-DAG: atomic_heavy.c:[[@LINE-1]]:10: warning: 8-byte atomic read-modify-write (xchg) of 'bug_page+60' straddles a 64-byte cache line boundary: it starts at byte 60 of its line; it needs 8-byte alignment but is only 4-byte aligned [syncsan-atomic-split-line]
}

static inline uint32_t bug_load_with(_Atomic uint32_t *p, memory_order o) {
  return atomic_load_explicit(p, o);
  // BUG-DAG: atomic_heavy.c:[[@LINE-1]]:10: warning: memory_order_acq_rel is not a valid order for an atomic load {{.*}} [syncsan-atomic-invalid-order]
}
uint32_t bug_invalid_order(struct event_count *e) { return bug_load_with(&e->epoch, memory_order_acq_rel); }

struct legacy_flag {
  int ready; /* used with GCC builtins... */
  int value;
};
void bug_publish(struct legacy_flag *f, int v) {
  f->value = v;
  __atomic_store_n(&f->ready, 1, __ATOMIC_RELEASE);
}
int bug_poll(struct legacy_flag *f) {
  return f->ready ? f->value : -1; /* ...and plainly */
  // BUG-DAG: atomic_heavy.c:[[@LINE-1]]:13: warning: plain load of field 'ready' of 'struct legacy_flag', which is also written atomically{{.*}} [syncsan-atomic-mixed-access]
}

struct bug_counters {
  _Atomic uint64_t enqueued; /* written by producers */
  _Atomic uint64_t dequeued; /* written by consumers, 8 bytes away; both in loops */
};
void bug_on_enqueue(struct bug_counters *c, int n) { for (int i = 0; i < n; i++) atomic_fetch_add_explicit(&c->enqueued, 1, memory_order_relaxed); }
void bug_on_dequeue(struct bug_counters *c, int n) { for (int i = 0; i < n; i++) atomic_fetch_add_explicit(&c->dequeued, 1, memory_order_relaxed); }
// BUG-DAG: atomic_heavy.c:[[@LINE-4]]:20: warning: field 'enqueued' and field 'dequeued' of 'struct bug_counters' are written atomically and independently (by 'bug_on_enqueue' and 'bug_on_dequeue', each in a loop) but lie 8 bytes apart, so they can share a 64-byte cache line (false sharing){{.*}} [syncsan-atomic-false-sharing]

int bug_data, bug_flag;
void bug_fence_publish(int v) {
  bug_data = v;
  atomic_thread_fence(memory_order_release);
  // BUG-DAG: atomic_heavy.c:[[@LINE-1]]:3: warning: release fence in 'bug_fence_publish' orders no atomic operation{{.*}} [syncsan-fence-without-atomic]
  bug_flag = 1;
}

#endif /* WITH_BUGS */
