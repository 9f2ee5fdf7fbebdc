/* Each thread's queue state: its published calls in flight (which other
 * threads' checks read: queue_bounds.c), the blocking call the monitor may
 * find stalled, its cache of the queues it uses, its latency sampling
 * countdown and its streak of failing non-blocking calls. The common path
 * touches only this and the queue's counters. */
#ifndef SYNCSAN_QUEUE_THREAD_H
#define SYNCSAN_QUEUE_THREAD_H
#include "core/thread.h"
#include "queue_table.h"

/* Calls in flight one thread may have at once (a queue operation whose
 * implementation calls another wrapped one, a signal handler's); past it
 * the thread is marked, and checks that need every in-flight call give up. */
#define SS_QUEUE_INFLIGHT 4
/* An in-flight word: the record's address | its side. */
#define SS_QUEUE_INF_POP 1u
#define SS_QUEUE_INF_PUSH 2u
#define SS_QUEUE_INF_BLOCK 4u /* a blocking call: inf_since and inf_desc say more */
#define SS_QUEUE_INF_BITS 7u
#define SS_QUEUE_CACHE 4
/* One push in this many is a latency (and occupancy) sample. */
#define SS_QUEUE_SAMPLE 64

struct ss_queue_ref {
  uintptr_t handle;
  struct ss_queue *q;
  uint32_t gen;
  uint8_t cell[2]; /* its cells in this incarnation, push and pop side; 0xff: not yet */
};

struct ss_queue_thread {
  uintptr_t inflight[SS_QUEUE_INFLIGHT]; /* atomic stores; 0: free */
  uint32_t depth;                        /* slots in use */
  uint32_t overflow;                     /* calls past the slots, in flight now */
  /* A blocking call's slot also says, for the monitor, since when it
   * waits (coarse ms) and what it calls; written before its word. */
  uint64_t inf_since[SS_QUEUE_INFLIGHT];
  const struct syncsan_queue_desc *inf_desc[SS_QUEUE_INFLIGHT];
  struct ss_queue_ref cache[SS_QUEUE_CACHE];
  uint32_t sample_countdown;
  /* Failing non-blocking calls on one queue and side, since when. */
  struct ss_queue *st_q;
  uint32_t st_gen, st_push, st_reported;
  uint64_t st_since_ms, st_asked_ms;
  /* The thread's own: it is the monitor's listener call (no stall report
   * about its own operations can be asked of it). */
};
SS_HIDDEN extern __thread struct ss_queue_thread ss_queue_self;

SS_HIDDEN void ss_queue_threads_init(void);
SS_HIDDEN void ss_queue_thread_start(struct ss_thread *t);
/* Thread t's queue state (another thread's, on a slow path), or NULL. */
SS_HIDDEN struct ss_queue_thread *ss_queue_thread_of(struct ss_thread *t);

/* The record of handle through the thread's cache; NULL when untracked.
 * The cache entry is returned in *ref (NULL when not cached). */
SS_HIDDEN struct ss_queue *ss_queue_lookup_slow(struct ss_queue_thread *qt, uintptr_t handle,
                                                const struct syncsan_site *site,
                                                struct ss_queue_ref **ref);
static SS_ALWAYS_INLINE struct ss_queue *ss_queue_lookup(struct ss_queue_thread *qt,
                                                         uintptr_t handle,
                                                         const struct syncsan_site *site,
                                                         struct ss_queue_ref **ref) {
  struct ss_queue_ref *r = &qt->cache[(handle >> 4) & (SS_QUEUE_CACHE - 1)];
  struct ss_queue *q = r->q;
  if (SS_LIKELY(r->handle == handle && q &&
                __atomic_load_n(&q->handle, __ATOMIC_RELAXED) == handle &&
                __atomic_load_n(&q->gen, __ATOMIC_RELAXED) == r->gen)) {
    *ref = r;
    return q;
  }
  return ss_queue_lookup_slow(qt, handle, site, ref);
}

/* The innermost blocking call published in qt (another thread's, on a
 * slow path): its slot's word, since when and its descriptor; 0 when
 * none. The caller checks that the word is still there afterwards. */
static inline uintptr_t ss_queue_blocking_call(struct ss_queue_thread *qt, uint64_t *since,
                                               const struct syncsan_queue_desc **d) {
  for (int i = SS_QUEUE_INFLIGHT - 1; i >= 0; i--) {
    uintptr_t w = __atomic_load_n(&qt->inflight[i], __ATOMIC_ACQUIRE);
    if (w & SS_QUEUE_INF_BLOCK) {
      *since = __atomic_load_n(&qt->inf_since[i], __ATOMIC_RELAXED);
      *d = __atomic_load_n(&qt->inf_desc[i], __ATOMIC_RELAXED);
      __atomic_thread_fence(__ATOMIC_ACQUIRE);
      return __atomic_load_n(&qt->inflight[i], __ATOMIC_RELAXED) == w ? w : 0;
    }
  }
  return 0;
}

/* In a forked child: the calling thread's calls in flight are its own,
 * but nothing it did before the fork can be waiting on another thread. */
SS_HIDDEN void ss_queue_thread_fork_child(void);
#endif
