/* The queue table: one record per live queue, keyed by its handle (the
 * address the program's queue functions take), with the counts the checks
 * and metrics work on.
 *
 * A record is made by a create call, or at the first operation, name or
 * capacity of a handle syncsan has not seen; a destroy forgets it (a later
 * queue at the same address is a new one: its record may be another, and
 * its incarnation number differs). Records come from mmap'd chunks and go
 * back to a free list, never unmapped, so a stale pointer (another thread's
 * cache) always reads a record: it is checked against the handle and the
 * incarnation before use. Lookups walk the hash chains without the table
 * lock; a walk that a concurrent removal diverts may miss, and a miss is
 * retried under the lock before a record is made. Bounded (max_queues):
 * past it, new queues go untracked with a one-time warning.
 *
 * The common path writes no record field: each thread counts in cells of
 * its own (below); see queue_calls.c for what is counted when, and why no
 * check can be fooled by a race. */
#ifndef SYNCSAN_QUEUE_TABLE_H
#define SYNCSAN_QUEUE_TABLE_H
#include "core/internal.h"
#include "queue_api.h"

/* Threads remembered per queue and side (pushers, poppers), for a stall's
 * other side; past it, only counted. */
#define SS_QUEUE_SIDE_TIDS 8
/* Recent latency samples kept for the queue-latency check, and the
 * buckets of the latency histogram the metrics' p50/p99 come from. */
#define SS_QUEUE_RECENT 64
#define SS_QUEUE_HIST 160

struct ss_queue_policy {
  double max_occupancy;
  uint32_t window_ms;
  uint32_t stall_ms;
  uint64_t p99_us;
  int32_t stall_action; /* enum syncsan_queue_action, -1: none */
  uint32_t explicit_;   /* set by syncsan_queue_set_policy: the file no longer applies */
};

#define SS_QUEUE_SHARED_CELL SS_QUEUE_SIDE_TIDS

struct ss_queue_cell {
  uint64_t n;      /* operations that took effect */
  uint64_t failed; /* and those that did not */
} __attribute__((aligned(64)));

struct ss_queue {
  /* Read-mostly: the key and what every operation reads. */
  uintptr_t handle; /* the key; 0 while free (atomic) */
  struct ss_queue *next;
  /* The pool's free list (not next: a lock-free finder still on a freed
   * record must stop at it, not walk the free list). */
  struct ss_queue *free_next;
  uint32_t gen;    /* incarnation: each new queue in the record adds one (atomic) */
  uint32_t closed; /* a close took effect (release store at the close's end) */
  uint64_t capacity; /* 0: unknown (atomic) */
  uint32_t recovery; /* policy stall_action fail: calls with a timed form use it */
  uint32_t sampled;  /* a latency sample waits for its pop */
  /* Counts (queue_calls.c): each thread that pushes or pops has a cell of
   * its own on each side, the first SS_QUEUE_SIDE_TIDS of each side, which
   * only it writes (plain stores: no shared increment on the common
   * path); later ones share the last cell, with atomic increments. A count
   * is the sum of its side's cells. [0] pushes, [1] pops. */
  struct ss_queue_cell cells[2][SS_QUEUE_SIDE_TIDS + 1];
  uint64_t push_blocked_ms, pop_blocked_ms;
  uint64_t occ_max; /* the most items counted at a sampled push or a look */
  /* The latency sample in flight: the push sequence number its pop
   * reaches (0: none), and when it was pushed. */
  uint64_t sample_seq;
  uint64_t sample_ns;
  /* Cold: under lock (or written once before use). */
  ss_spin_t lock __attribute__((aligned(64)));
  char name[32];
  uint32_t named; /* name[] set by syncsan_queue_set_name */
  const struct syncsan_site *create_site; /* NULL: made at a first use */
  const struct syncsan_queue_desc *create_desc;
  uint32_t create_tid;
  const struct syncsan_site *close_site;
  const struct syncsan_queue_desc *close_desc;
  uint32_t close_tid;
  uint64_t created_ns;
  uint64_t stalls;
  uint64_t occ_sum, occ_n;
  uint32_t over_reported;
  uint32_t capacity_skip, capacity_backoff; /* over-capacity slow-path rate limit */
  uint32_t tids[2][SS_QUEUE_SIDE_TIDS];    /* [0] pushers, [1] poppers */
  uint32_t ntids[2], tids_lost[2];
  struct ss_queue_policy policy;
  /* Latency: every sample in a histogram (metrics), the last ones for
   * the check. */
  uint64_t lat_n;
  uint32_t hist[SS_QUEUE_HIST];
  uint64_t recent[SS_QUEUE_RECENT];
  uint32_t nrecent;
  /* The monitor's own (monitor thread only): back-pressure and latency
   * episodes. */
  uint64_t bp_since_ms;
  uint32_t bp_on, bp_reported, lat_reported, lat_seen;
};

SS_HIDDEN void ss_queue_table_init(void);
/* The live record of handle, or NULL (lock-free). */
SS_HIDDEN struct ss_queue *ss_queue_find(uintptr_t handle);
/* The live record of handle, made when absent (by `site`, NULL for a
 * first use that is no create); NULL when the table is full. *made says
 * whether it was made by this call. */
SS_HIDDEN struct ss_queue *ss_queue_get(uintptr_t handle, const struct syncsan_site *site,
                                        int *made);
/* A create call made a queue at handle: a fresh incarnation (a record
 * only named or sized before, with no operation, keeps its name and
 * capacity). */
SS_HIDDEN struct ss_queue *ss_queue_created(uintptr_t handle, uint64_t capacity,
                                            const struct syncsan_site *site,
                                            const struct syncsan_queue_desc *d, uint32_t tid);
/* A destroy: the queue is gone (its figures go to the exit profile). */
SS_HIDDEN void ss_queue_forget(uintptr_t handle);
/* Every live record, for the monitor and the exit table (lock-free; fn
 * may see a record as it is being made or freed: it checks handle). */
SS_HIDDEN void ss_queue_foreach(void (*fn)(struct ss_queue *q, void *arg), void *arg);
/* Whether any queue was ever made (the monitor's checks skip a program
 * without queues). */
SS_HIDDEN int ss_queue_any(void);
/* In a forked child: record locks another thread held are free. */
SS_HIDDEN void ss_queue_table_fork_child(void);

/* The clock the common path reads: milliseconds, advanced by the
 * family's monitor tick (queue_clock.c); coarse, and free to read. */
SS_HIDDEN extern uint64_t ss_queue_clock_ms;
static inline uint64_t ss_queue_coarse_ms(void) {
  return __atomic_load_n(&ss_queue_clock_ms, __ATOMIC_RELAXED);
}
SS_HIDDEN uint64_t ss_queue_now_ns(void);

/* The effective stall time and action of q (policy, else the options). */
SS_HIDDEN uint64_t ss_queue_stall_ms(const struct ss_queue *q);

/* Adds tid to q's pushers (side 0) or poppers (1) if new; returns its
 * cell's index (SS_QUEUE_SHARED_CELL past the first threads). */
SS_HIDDEN uint32_t ss_queue_note_side(struct ss_queue *q, int side, uint32_t tid);

/* A side's count (failed: of the calls that did not take effect): the sum
 * of its cells, each read once (a cell only grows, so the sum is at most
 * the count at the end of the reading and at least at its start). */
static inline uint64_t ss_queue_sum(const struct ss_queue *q, int side, int failed) {
  uint32_t n = __atomic_load_n(&q->ntids[side], __ATOMIC_ACQUIRE);
  if (n > SS_QUEUE_SIDE_TIDS)
    n = SS_QUEUE_SIDE_TIDS;
  const struct ss_queue_cell *c = q->cells[side];
  uint64_t s = failed ? __atomic_load_n(&c[SS_QUEUE_SHARED_CELL].failed, __ATOMIC_ACQUIRE)
                      : __atomic_load_n(&c[SS_QUEUE_SHARED_CELL].n, __ATOMIC_ACQUIRE);
  for (uint32_t i = 0; i < n; i++)
    s += failed ? __atomic_load_n(&c[i].failed, __ATOMIC_ACQUIRE)
                : __atomic_load_n(&c[i].n, __ATOMIC_ACQUIRE);
  return s;
}
#define ss_queue_pushes(q) ss_queue_sum((q), 0, 0)
#define ss_queue_pops(q) ss_queue_sum((q), 1, 0)

/* The occupancy as counted: pushes that took effect minus pops that did,
 * at least 0 (a snapshot; the checks use the bounds of queue_bounds.c). */
static inline uint64_t ss_queue_occupancy(const struct ss_queue *q) {
  uint64_t pops = ss_queue_pops(q);
  uint64_t pushes = ss_queue_pushes(q);
  return pushes > pops ? pushes - pops : 0;
}
#endif
