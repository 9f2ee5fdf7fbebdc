/* The lock state of each thread: its held-lock stack, and the slow-path
 * views other threads take of it. */
#include "lock_thread.h"

#include <string.h>
#include <unistd.h>

#include "lock_flags.h"
#include "lock_table.h"

SS_HIDDEN struct ss_class_cache_entry ss_class_cache_none[SS_CLASS_CACHE];
/* Statically pointed at the empty cache: a hook that runs before the
 * thread's start-up (or in a thread whose start-up did not run) misses, and
 * never follows a null pointer. */
SS_HIDDEN uint64_t ss_chain_cache_none[SS_CHAIN_CACHE];
SS_HIDDEN __thread struct ss_lock_thread ss_lock_self = {.fast_off = SS_FAST_OFF_NOT_STARTED,
                                                         .class_cache = ss_class_cache_none,
                                                         .chain_cache = ss_chain_cache_none};
/* The name the pass's in-line path reads and writes it by
 * (<syncsan/abi_fast.h>, lock_fast.c). */
extern __thread struct ss_lock_thread __syncsan_fast_v1_locks
    __attribute__((alias("ss_lock_self"), visibility("hidden")));

static inline uint32_t chain_index(uint64_t key) {
  return (uint32_t)((key ^ key >> 32) >> 1) & (SS_CHAIN_CACHE - 1);
}

SS_HIDDEN uint64_t *ss_chain_slot_w(struct ss_lock_thread *t, uint64_t key) {
  if (t->chain_cache == ss_chain_cache_none) {
    uint64_t *c = t->caches_done ? NULL : ss_map(SS_CHAIN_CACHE * sizeof(*c));
    if (!c)
      return &t->chain_sink;
    t->chain_cache = c;
  }
  return &t->chain_cache[chain_index(key)];
}

SS_HIDDEN void ss_chain_cache_clear(struct ss_lock_thread *t) {
  if (t->chain_cache != ss_chain_cache_none)
    memset(t->chain_cache, 0, SS_CHAIN_CACHE * sizeof(uint64_t));
}

SS_HIDDEN struct ss_class_cache_entry *ss_class_cache_fill_slot(struct ss_lock_thread *t,
                                                                uintptr_t addr) {
  if (t->class_cache == ss_class_cache_none) {
    if (t->caches_done)
      return NULL;
    struct ss_class_cache_entry *c = ss_map(SS_CLASS_CACHE * sizeof(*c));
    if (!c) {
      t->caches_done = 1; /* no memory: lookups stay slow, never wrong */
      return NULL;
    }
    t->class_cache = c;
  }
  return &t->class_cache[ss_class_slot(addr)];
}

SS_HIDDEN void ss_class_cache_release(struct ss_lock_thread *t) {
  struct ss_class_cache_entry *c = t->class_cache;
  /* Hooks may still run on this thread (later TLS destructors): they find
   * the empty cache, and map none again. */
  t->class_cache = ss_class_cache_none;
  t->caches_done = 1;
  t->fast_off |= SS_FAST_OFF_NOT_STARTED;
  if (c && c != ss_class_cache_none)
    ss_unmap(c, SS_CLASS_CACHE * sizeof(*c));
  uint64_t *k = t->chain_cache;
  t->chain_cache = ss_chain_cache_none;
  if (k && k != ss_chain_cache_none)
    ss_unmap(k, SS_CHAIN_CACHE * sizeof(*k));
}

static int ext_key = -1;
static int held_full_warned;

SS_HIDDEN void ss_lock_threads_init(void) { ext_key = ss_thread_ext_key(); }

SS_HIDDEN void ss_lock_thread_start(struct ss_thread *t) {
  struct ss_lock_thread *lt = &ss_lock_self;
  lt->tid = t->tid;
  lt->pid = (uint32_t)getpid();
  lt->held = lt->held_inline;
  lt->held_cap = SS_HELD_INLINE;
  lt->core = t;
  /* Last of the thread's own fields: the in-line path may run from here. */
  lt->fast_off = ss_fast_options_off() ? SS_FAST_OFF_OPTIONS : 0;
  /* Published last: a scanner that sees the pointer sees a usable stack. */
  if (ext_key >= 0)
    __atomic_store_n(&t->ext[ext_key], lt, __ATOMIC_RELEASE);
}

SS_HIDDEN struct ss_lock_thread *ss_lock_thread_of(struct ss_thread *t) {
  return ss_thread_ext(t, ext_key);
}

struct foreach_args {
  void (*fn)(struct ss_lock_thread *t, uint32_t slot, void *arg);
  void *arg;
};

static void foreach_one(struct ss_thread *t, uint32_t slot, void *arg) {
  struct foreach_args *a = arg;
  struct ss_lock_thread *lt = ss_thread_ext(t, ext_key);
  if (lt) /* NULL: registered a moment ago, its lock state not yet published */
    a->fn(lt, slot, a->arg);
}

SS_HIDDEN void ss_lock_threads_foreach(void (*fn)(struct ss_lock_thread *t, uint32_t slot,
                                                  void *arg),
                                       void *arg) {
  struct foreach_args a = {fn, arg};
  ss_threads_foreach(foreach_one, &a);
}

SS_HIDDEN int ss_lock_threads_try_foreach(void (*fn)(struct ss_lock_thread *t, uint32_t slot,
                                                     void *arg),
                                          void *arg, unsigned tries) {
  struct foreach_args a = {fn, arg};
  return ss_threads_try_foreach(foreach_one, &a, tries);
}

struct holder_search {
  uintptr_t addr;
  uint32_t gen; /* the lock's current incarnation; 0 unknown */
  uint32_t tid;
  const struct syncsan_site *site;
  ss_stack_id stack;
  uint16_t mode; /* enum ss_mode of the holder's entry */
  int found;
};

static void find_in(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct holder_search *q = arg;
  if (q->found || t == &ss_lock_self)
    return;
  struct ss_held *h;
  uint32_t n = ss_held_peek(t, &h);
  for (uint32_t j = 0; j < n; j++) {
    if (__atomic_load_n(&h[j].addr, __ATOMIC_RELAXED) == q->addr) {
      /* An entry of an earlier incarnation (the lock was re-initialised
       * while this thread held it) says nothing about the lock there now. */
      uint32_t g = __atomic_load_n(&h[j].lock_gen, __ATOMIC_RELAXED);
      if (q->gen && g && g != q->gen)
        continue;
      q->tid = t->tid;
      q->site = __atomic_load_n(&h[j].site, __ATOMIC_RELAXED);
      q->stack = ss_lock_flags.held_stacks ? __atomic_load_n(&h[j].stack, __ATOMIC_RELAXED) : 0;
      q->mode = __atomic_load_n(&h[j].mode, __ATOMIC_RELAXED);
      q->found = 1;
      return;
    }
  }
}

SS_HIDDEN int ss_thread_find_holder_mode(uintptr_t addr, uint32_t *tid,
                                         const struct syncsan_site **site, ss_stack_id *stack,
                                         int *mode) {
  /* Read before the scan, outside the registry lock: the lock table's
   * stripes are never taken inside it. */
  struct holder_search q = {.addr = addr, .gen = ss_lock_gen_now(addr)};
  ss_lock_threads_foreach(find_in, &q);
  if (q.found) {
    *tid = q.tid;
    *site = q.site;
    *stack = q.stack;
    *mode = q.mode;
  }
  return q.found;
}

SS_HIDDEN int ss_thread_find_holder(uintptr_t addr, uint32_t *tid,
                                    const struct syncsan_site **site, ss_stack_id *stack) {
  int mode;
  return ss_thread_find_holder_mode(addr, tid, site, stack, &mode);
}

/* ---- the held-lock stack ---- */

static void held_grow(struct ss_lock_thread *t) {
  uint32_t cap = ss_lock_flags.max_held_locks > SS_HELD_INLINE
                     ? (uint32_t)ss_lock_flags.max_held_locks
                     : SS_HELD_INLINE;
  if (t->held != t->held_inline || cap == SS_HELD_INLINE)
    return;
  struct ss_held *h = ss_map(cap * sizeof(struct ss_held));
  if (!h)
    return;
  memcpy(h, t->held_inline, sizeof(t->held_inline));
  /* Publish the new array before the larger capacity so that a scanning
   * thread never indexes the inline array past its end. */
  __atomic_store_n(&t->held, h, __ATOMIC_RELEASE);
  __atomic_store_n(&t->held_cap, cap, __ATOMIC_RELEASE);
  /* The in-line path knows only held_inline. */
  t->fast_off |= SS_FAST_OFF_HELD_MOVED;
}

SS_HIDDEN struct ss_held *ss_held_push(struct ss_lock_thread *t) {
  if (SS_UNLIKELY(t->nheld >= t->held_cap)) {
    held_grow(t);
    if (t->nheld >= t->held_cap) {
      ss_warn_once(&held_full_warned,
                   "thread T%u holds more than max_held_locks=%u locks; locks "
                   "taken past that are not checked\n",
                   t->tid, t->held_cap);
      t->nlost++;
      return NULL;
    }
  }
  struct ss_held *e = &t->held[t->nheld];
  __atomic_store_n(&t->nheld, t->nheld + 1, __ATOMIC_RELEASE);
  return e;
}

SS_HIDDEN void ss_held_remove(struct ss_lock_thread *t, struct ss_held *e) {
  struct ss_held *last = &t->held[t->nheld - 1];
  /* Keep acquisition order: shift the younger entries down. Unlocks are
   * almost always of the innermost lock, so this loop rarely runs. */
  for (struct ss_held *p = e; p < last; p++) {
    uintptr_t next_addr = p[1].addr;
    *p = p[1];
    __atomic_store_n(&p->addr, next_addr, __ATOMIC_RELAXED);
  }
  __atomic_store_n(&last->addr, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&t->nheld, t->nheld - 1, __ATOMIC_RELEASE);
}
