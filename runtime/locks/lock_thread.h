/* A thread's lock state: its held-lock stack, what it is blocked on, and
 * its caches of known locks and checked chains.
 *
 * It lives in its own __thread variable, read and written by the thread
 * alone on the hook fast paths (an initial-exec TLS access, as cheap as the
 * core's own state). Other threads see it only on slow paths (an error
 * report naming a holder, the deadlock watchdog, exit statistics), through
 * the core registry's extension pointer, under the registry lock, and only
 * through fields the owner writes with atomic stores. */
#ifndef SYNCSAN_LOCK_THREAD_H
#define SYNCSAN_LOCK_THREAD_H
#include "core/stack.h"
#include "lock_flags.h"
#include "core/thread.h"

#define SS_HELD_INLINE 32

enum ss_lock_kind {
  SS_KIND_MUTEX,
  SS_KIND_RWLOCK,
  SS_KIND_SPIN,
  SS_KIND_MTX,
  SS_KIND_COUNT
};

enum ss_mode { SS_MODE_WRITE = 0, SS_MODE_READ = 1 };

/* One lock the thread holds. */
struct ss_held {
  uintptr_t addr;                  /* the lock object (atomic stores: scanned by others) */
  const struct syncsan_site *site; /* where it was acquired */
  uint64_t chain;                  /* key of the chain of held classes up to this one */
  uint64_t acq_ns;                 /* when acquired: timed holds only (lock_profile.h), else 0 */
  uint32_t class_id;               /* graph node of its class (subclass included); 0 unknown */
  uint32_t lock_gen;               /* generation of its lock record when acquired */
  int32_t level;                   /* declared level; 0 none */
  uint16_t kind;                   /* enum ss_lock_kind */
  uint16_t mode;                   /* enum ss_mode */
  uint32_t depth;                  /* recursive acquisitions beyond the first */
  uint32_t flags;                  /* SS_HELD_* */
  ss_stack_id stack;               /* its acquisition's stack: held_stacks=1 only */
  uint32_t acq_coarse_ms;          /* coarse clock at acquisition, ms: lock_hold_warn_ms only */
};
/* A held entry's stack: only held_stacks=1 fills it in. */
static inline ss_stack_id ss_held_stack(const struct ss_held *h) {
  return ss_lock_flags.held_stacks ? h->stack : 0;
}
#define SS_HELD_TRY 0x1u     /* acquired by a successful trylock */
#define SS_HELD_ORDERED 0x2u /* its level is an ordered group */
#define SS_HELD_PSHARED 0x4u /* a process-shared lock (it may outlive a fork's parent) */

/* Why a thread's in-line fast path is off (ss_lock_thread.fast_off). */
#define SS_FAST_OFF_NOT_STARTED 0x1u /* not registered yet, or exited */
#define SS_FAST_OFF_OPTIONS 0x2u     /* options that need every acquisition's hook */
#define SS_FAST_OFF_NESTED 0x4u      /* a syncsan_lock_nested() mark is pending */
#define SS_FAST_OFF_HELD_MOVED 0x8u  /* the held stack outgrew held_inline */
/* Whether the options keep the pass's in-line path off (SS_FAST_OFF_OPTIONS):
 * anything that keeps the first-lock path off, and timing, which the
 * in-line path does not do. After ss_after_slow_init
 * (locks.c). */
SS_HIDDEN int ss_fast_options_off(void);

/* A thread's cache of lock -> class, so that acquiring a known lock touches
 * no shared table. An entry is valid while its record's generation holds.
 * 1024 entries, so that a table of a thousand bucket locks stays in it:
 * 32 KB, mapped by the thread's first class-cache miss and resident only
 * where touched (in TLS, glibc would clear all of it for every thread
 * created). Until then, and after the thread's exit, the thread points at
 * ss_class_cache_none, which is never written: every lookup misses. */
#define SS_CLASS_CACHE_BITS 10
#define SS_CLASS_CACHE (1u << SS_CLASS_CACHE_BITS)
struct ss_class_cache_entry {
  uintptr_t addr;
  uint32_t epoch;      /* ss_lock_epoch(addr) when filled */
  uint32_t valid;
  uint32_t class_id;   /* base class (no subclass) */
  uint32_t gen;        /* the lock record's generation */
  int32_t level;
  uint32_t held_flags; /* SS_HELD_ORDERED and SS_HELD_PSHARED of its held entries */
};
/* The slot of addr. A multiplicative (Fibonacci) hash: locks laid out at
 * a fixed stride, an array of them or a table of objects that each hold
 * one, spread evenly over the slots instead of colliding by their low
 * bits. */
static inline uint32_t ss_class_slot(uintptr_t addr) {
  return (uint32_t)(((uint64_t)addr * 0x9e3779b97f4a7c15ull) >> (64 - SS_CLASS_CACHE_BITS));
}

/* Lock chains (sequences of held classes + the acquired one) this thread
 * has already checked. Direct-mapped: a collision only costs a re-check.
 * 4096 entries, so that the chains of a striped table (every pair of 64
 * stripes) stay in it: 32 KB, mapped at the thread's first write, like
 * the class cache; until then the thread reads ss_chain_cache_none (all
 * misses). */
#define SS_CHAIN_CACHE 4096

struct ss_profile_table;

struct ss_lock_thread {
  /* The first 64 bytes and the inline held entries are also read and
   * written by code the pass emits in line (<syncsan/abi_fast.h>, whose
   * offsets lock_fast.c checks against these): change them together.
   *
   * Held locks, innermost last: held[0..nheld) are recorded (nheld <=
   * held_cap). A lock acquired while the stack is full is only counted, in
   * nlost (a one-time warning says so): an unlock of a lock not in the stack
   * is then taken to be one of those, not reported. */
  uint32_t nheld;
  /* SS_FAST_OFF_* bits: while any is set, the in-line path calls the hooks.
   * The emitted acquire takes the path only when it and nheld are 0. */
  uint32_t fast_off;
  /* What the thread is blocked on, for the deadlock watchdog: written by
   * the thread itself around a blocking acquire (atomic stores), read by
   * the watchdog. wait_seq changes with every wait. */
  uintptr_t waiting_for;
  const struct syncsan_site *wait_site;
  uint32_t wait_seq;
  uint32_t tid; /* the core's T<tid>, for reports */
  struct ss_class_cache_entry *class_cache; /* [SS_CLASS_CACHE] */
  struct ss_held *held;
  uint32_t held_cap;
  uint32_t nlost;
  uint64_t head_pad;
  struct ss_held held_inline[SS_HELD_INLINE];
  /* syncsan_lock_nested(): the subclass of this thread's next acquisition
   * of nest_addr. */
  uintptr_t nest_addr;
  uint32_t nest_subclass;
  uint32_t caches_done; /* map no class or chain cache again: exited, or out of memory */
  void *dl_scratch; /* deadlock_now.c's copies, mapped at first need */
  uint32_t prof_tick; /* acquisitions since the last timed hold (profile_sample) */
  uint64_t *chain_cache; /* [SS_CHAIN_CACHE] */
  uint64_t chain_sink;   /* where writes go when no cache could be mapped */
  struct ss_profile_table *profile; /* per-thread lock statistics, or NULL */
  uint32_t pid; /* the process this state is about (lock_fork.c) */
  /* The ss_graph_flushes value this thread's chain cache was last emptied
   * under (lock_graph.h): checked on the class cache's slow path only. */
  uint32_t chain_flush;
  /* The condvar wait the thread is in, for the deadlock watchdog: the
   * condvar (SS_WAIT_TIMED in bit 0 for a timed wait; 0 none), its record's
   * id, the mutex, and the condvar's signal count when the wait began.
   * Written by the thread around the real wait (cond_hooks.c), cond_wait
   * last with a release store and first cleared, as waiting_for is. */
  uintptr_t cond_wait;
  uintptr_t cond_mutex;
  uint32_t cond_id, cond_signals, cond_seq;
  uint16_t cond_mutex_kind;
  const struct syncsan_site *cond_site;
  struct ss_thread *core; /* the thread's core state (its join wait) */
};

SS_HIDDEN extern __thread struct ss_lock_thread ss_lock_self;
SS_HIDDEN extern struct ss_class_cache_entry ss_class_cache_none[SS_CLASS_CACHE];
SS_HIDDEN extern uint64_t ss_chain_cache_none[SS_CHAIN_CACHE];
/* The chain cache slot of key to write, mapping the thread's cache on its
 * first write (a slot nobody reads when that fails). */
SS_HIDDEN uint64_t *ss_chain_slot_w(struct ss_lock_thread *t, uint64_t key);
/* Forgets every chain the thread checked (lock_graph.h, ss_graph_flushes). */
SS_HIDDEN void ss_chain_cache_clear(struct ss_lock_thread *t);
/* The class cache entry to fill for addr, mapping the thread's cache on its
 * first use; NULL when there is none to fill (no memory, or exited). */
SS_HIDDEN struct ss_class_cache_entry *ss_class_cache_fill_slot(struct ss_lock_thread *t,
                                                                uintptr_t addr);
/* At thread exit: gives the thread's class and chain caches back. */
SS_HIDDEN void ss_class_cache_release(struct ss_lock_thread *t);

/* The calling thread's lock state, registering the thread first if needed
 * (registration runs ss_lock_thread_start). */
static SS_ALWAYS_INLINE struct ss_lock_thread *ss_lock_thread_get(void) {
  ss_thread_get();
  return &ss_lock_self;
}

/* Family callbacks (locks_family.c): the extension key, and the state of a
 * thread that registers. */
SS_HIDDEN void ss_lock_threads_init(void);
SS_HIDDEN void ss_lock_thread_start(struct ss_thread *t);
/* Thread t's lock state, or NULL while it is not published yet (slow
 * paths reading another thread, under the registry lock). */
SS_HIDDEN struct ss_lock_thread *ss_lock_thread_of(struct ss_thread *t);

/* Pushes a held lock; grows past the inline array on demand (mmap). */
SS_HIDDEN struct ss_held *ss_held_push(struct ss_lock_thread *t);
/* Finds the innermost entry for addr, or NULL. */
static SS_ALWAYS_INLINE struct ss_held *ss_held_find(struct ss_lock_thread *t, uintptr_t addr) {
  for (uint32_t i = t->nheld; i-- > 0;)
    if (t->held[i].addr == addr)
      return &t->held[i];
  return NULL;
}
/* Another thread's held stack as its owner publishes it (slow paths that
 * scan other threads): the entries in *h, and how many to read, never past
 * the capacity the array had when it was published. Each entry's addr is
 * then read with a relaxed load (0: being pushed or popped). */
static inline uint32_t ss_held_peek(struct ss_lock_thread *t, struct ss_held **h) {
  uint32_t n = __atomic_load_n(&t->nheld, __ATOMIC_ACQUIRE);
  *h = __atomic_load_n(&t->held, __ATOMIC_ACQUIRE);
  uint32_t cap = __atomic_load_n(&t->held_cap, __ATOMIC_ACQUIRE);
  return n < cap ? n : cap;
}
/* Removes entry e (not necessarily the innermost: unlock order is free). */
SS_HIDDEN void ss_held_remove(struct ss_lock_thread *t, struct ss_held *e);

/* Finds a live thread (other than the caller) that holds addr; fills its tid,
 * acquisition site and (held_stacks=1) stack. Slow path: scans every live
 * thread. */
SS_HIDDEN int ss_thread_find_holder(uintptr_t addr, uint32_t *tid,
                                    const struct syncsan_site **site, ss_stack_id *stack);
/* The same, and the mode (enum ss_mode) in which that thread holds it: an
 * rwlock's reports say whether the holder reads or writes. */
SS_HIDDEN int ss_thread_find_holder_mode(uintptr_t addr, uint32_t *tid,
                                         const struct syncsan_site **site, ss_stack_id *stack,
                                         int *mode);

/* Calls fn for the lock state of every live thread, under the registry
 * lock (slow paths only). slot is stable while the thread lives. */
SS_HIDDEN void ss_lock_threads_foreach(void (*fn)(struct ss_lock_thread *t, uint32_t slot,
                                                  void *arg),
                                       void *arg);
/* The same with bounded tries for the registry lock (ss_threads_try_foreach);
 * 0 when it stayed busy. */
SS_HIDDEN int ss_lock_threads_try_foreach(void (*fn)(struct ss_lock_thread *t, uint32_t slot,
                                                     void *arg),
                                          void *arg, unsigned tries);
#endif
