/* Lock events common to every lock kind. The per-API hook files
 * (mutex_hooks.c, ...) translate their API into these calls around the real
 * operation; the checks themselves live here. */
#ifndef SYNCSAN_LOCKS_H
#define SYNCSAN_LOCKS_H
#include "lockop.h"

/* Stacks. A report or a new lock-order edge captures the call stack from
 * the hook's return address, which the inline events below note (in
 * ss_self.hook_pc, core/thread.h) on their slow branches only, and hooks
 * that are slow paths whole (init, destroy, condvar waits) note at entry.
 * They are inlined into the hook, so __builtin_return_address(0) there is
 * the hook's own; where they are not (a helper of a hook), the capture
 * starts a frame or two lower and the report finds the site's frame by
 * its line (core/report_frames.c).
 *
 * The event functions resolve op->site first (ss_site: a site inside a
 * system-header wrapper becomes the user's call of the wrapper), so the
 * hooks pass the pass's site as they got it and every later use, rules and
 * held-stack entries included, sees the user's location.
 *
 * ss_lock_before, ss_lock_after and ss_unlock_before are defined inline at
 * the end of this header: every hook compiles to one straight-line function
 * for the common case (a lock the thread knows, in a chain of held classes
 * it has checked), with op kept in registers. Everything else is a call to
 * the out-of-line slow paths below (locks.c). */

/* Before the real acquire. Reports double-lock (before the thread would
 * block on itself) and ends the process when the acquire could only hang. */
static SS_ALWAYS_INLINE void ss_lock_before(struct ss_lock_thread *t, struct ss_lockop *op);
/* After the real acquire returned rc (0: acquired). Every ss_lock_before
 * is paired with exactly one ss_lock_after. */
/* Every field of a held entry but addr (published last) and acq_ns (only
 * read when timing). An unresolved op (the class was never looked up) gets
 * no class, level or chain. */
static SS_ALWAYS_INLINE void ss_held_fill(struct ss_held *e, const struct ss_lockop *op,
                                          int resolved) {
  e->site = op->site;
  e->chain = resolved ? op->chain : 0;
  e->class_id = resolved ? op->node : 0;
  e->lock_gen = op->gen;
  e->level = resolved ? op->level : 0;
  e->kind = op->kind;
  e->mode = op->mode;
  e->depth = 0;
  e->flags = (op->acq == SS_ACQ_TRY ? SS_HELD_TRY : 0) | (op->ordered ? SS_HELD_ORDERED : 0) |
             op->pshared;
}

static SS_ALWAYS_INLINE void ss_lock_after(struct ss_lock_thread *t, const struct ss_lockop *op, int rc);
/* Pushes op's entry at held[n], n being t->nheld and below held_cap, with
 * acq_ns (0 untimed; the stack and coarse time are the slow path's, and
 * read only with the options that take it). The entry is complete before
 * a scanning thread can count it. */
static SS_ALWAYS_INLINE void ss_held_publish(struct ss_lock_thread *t, uint32_t n,
                                             const struct ss_lockop *op, uint64_t acq_ns) {
  struct ss_held *e = &t->held[n];
  ss_held_fill(e, op, 1);
  e->acq_ns = acq_ns;
  __atomic_store_n(&e->addr, op->addr, __ATOMIC_RELAXED);
  __atomic_store_n(&t->nheld, n + 1, __ATOMIC_RELEASE);
}
/* Before the real release. */
static SS_ALWAYS_INLINE void ss_unlock_before(struct ss_lock_thread *t, struct ss_lockop *op);

/* Every acquisition takes ss_lock_after's slow path: timing is on
 * (lock_profile.h) or held_stacks asks for each acquisition's stack. One
 * flag, so the fast path still tests one word. */
SS_HIDDEN extern int ss_after_slow_on;
/* The first-lock path is off: held_stacks or lock_hold_warn_ms asks for
 * something of every acquisition that only the general path does. The
 * profile alone (ss_profile_only) does not: that path times and counts as
 * the general one (lock_profile.h). */
SS_HIDDEN extern int ss_fast_off, ss_profile_only;
SS_HIDDEN void ss_after_slow_init(void);

/* After ss_lock_before, in the hooks of blocking acquires: whether
 * deadlock_action=fail refused the acquisition (a certain self-deadlock,
 * already reported). Then the hook returns its API's error without the
 * real call; the acquisition is closed here as a failed one, so nothing is
 * recorded as held. */
static SS_ALWAYS_INLINE int ss_lock_refused(struct ss_lock_thread *t, const struct ss_lockop *op) {
  if (SS_LIKELY(!op->refused))
    return 0;
  ss_lock_after(t, op, -1);
  return 1;
}

/* Slow paths of the three above. ss_lock_before_held returns 0 when h was
 * stale and is gone (the acquire then goes on as for an unheld lock). */
SS_HIDDEN int ss_lock_before_held(struct ss_lock_thread *t, struct ss_lockop *op,
                                  struct ss_held *h);
SS_HIDDEN void ss_lock_check_chain(struct ss_lock_thread *t, struct ss_lockop *op, uint64_t cached);
SS_HIDDEN uint32_t ss_lock_nested_node(struct ss_lock_thread *t, uint32_t node);
SS_HIDDEN void ss_lock_after_slow(struct ss_lock_thread *t, const struct ss_lockop *op);
SS_HIDDEN void ss_unlock_slow(struct ss_lock_thread *t, struct ss_lockop *op);

/* Removes held entry h and re-keys the chains above it. */
SS_HIDDEN void ss_held_drop(struct ss_lock_thread *t, struct ss_held *h);
/* Removes the thread's stale entries (ss_lock_stale): locks re-initialised
 * by another thread while this one held them. */
SS_HIDDEN void ss_held_drop_stale(struct ss_lock_thread *t);

/* Forgets the lock at addr (destroy, re-init, its memory freed): its record
 * and its instance nodes in the lock-order graph. */
SS_HIDDEN void ss_lock_retire(uintptr_t addr);

/* After a successful *_init, and before the real *_destroy. */
SS_HIDDEN void ss_lock_created(struct ss_lock_thread *t, struct ss_lockop *op);
SS_HIDDEN void ss_lock_destroyed(struct ss_lock_thread *t, struct ss_lockop *op);
/* After the real *_destroy that ss_lock_destroyed preceded, with its
 * result (0 for mtx_destroy): a successful one makes the next use of the
 * address without an init a lock-destroyed (lock_gone.c). */
SS_HIDDEN void ss_lock_gone_end(const struct ss_lockop *op, int rc);
/* ss_lock_destroyed's part of that, before the lock's record goes. */
SS_HIDDEN void ss_lock_gone_begin(const struct ss_lockop *op);

/* ---- API rules (lock_rules.c) ----
 * Misuse checks that run only off the fast path: each is called when the
 * calling thread's own state already shows something unusual. */
/* The thread releases op->addr, which is not in its held stack. */
SS_HIDDEN void ss_rule_unlock_unheld(struct ss_lock_thread *t, const struct ss_lockop *op);
/* op->addr is being destroyed (or re-initialised, when reinit). */
SS_HIDDEN void ss_rule_destroy(struct ss_lock_thread *t, const struct ss_lockop *op, int reinit);
/* The first use of op->addr since it was destroyed as g says (a record
 * created by ss_lock_lookup_use): reports lock-destroyed unless the
 * object's bytes show it may have been initialised since. Returns 1 when
 * it reported (or would have, but for a suppression or a limit). */
struct ss_gone;
SS_HIDDEN int ss_rule_lock_destroyed(struct ss_lock_thread *t, const struct ss_lockop *op,
                                     const struct ss_gone *g, int unlock);
/* The thread exits (or the process does) with t->nheld locks held. */
SS_HIDDEN void ss_rule_thread_exit(struct ss_lock_thread *t, int process_exit);
/* lock-held-at-exit of a thread that ended holding a robust mutex which no
 * thread took over (EOWNERDEAD): at addr's destroy or re-init, or (addr 0)
 * at process exit for every such mutex. */
SS_HIDDEN void ss_rule_owner_died(uintptr_t addr);

/* ---- the fast paths ---- */
#include "deadlock.h"
#include "lock_class.h"
#include "lock_profile.h"

static SS_ALWAYS_INLINE uint64_t ss_chain_step(uint64_t prev, uint32_t node, uint32_t mode,
                                     uint32_t try_, int32_t level) {
  uint64_t h = prev ^ ((uint64_t)node << 20 | (uint64_t)mode << 2 | try_ << 1 | 1);
  h ^= (uint64_t)(uint32_t)level << 44;
  h *= 0x9e3779b97f4a7c15ull;
  /* Bit 0 is kept clear: the chain cache uses it as a flag. */
  return (h ^ (h >> 29)) & ~1ull;
}

static SS_ALWAYS_INLINE uint64_t *ss_chain_slot(struct ss_lock_thread *t, uint64_t key) {
  /* The same index as ss_chain_slot_w's (lock_thread.c). */
  return &t->chain_cache[(key ^ key >> 32) >> 1 & (SS_CHAIN_CACHE - 1)];
}

/* The acquire events and the slow release path count as runtime regions
 * (core/thread.h): a signal handler that locks while the thread is
 * half-way through updating its held stack or its caches runs unchecked
 * instead of writing over the entry. The real operation, between the
 * events, is outside: a handler that interrupts a blocked acquire is
 * checked as usual. */
static SS_ALWAYS_INLINE void ss_lock_before(struct ss_lock_thread *t, struct ss_lockop *op) {
  /* Read before any call that takes op: the hook's constants, folded. */
  const int timed = op->acq == SS_ACQ_TIMED;
  const int shared = op->mode == SS_MODE_READ;
  ss_enter_runtime();
  op->site = ss_site(op->site);
  op->resolved = 0;
  uint32_t n = t->nheld;
  struct ss_held *top = NULL;
  if (n) {
    struct ss_held *h = ss_held_find(t, op->addr);
    if (SS_LIKELY(!h)) {
      top = &t->held[n - 1];
    } else {
      SS_NOTE_HOOK_PC();
      if (ss_lock_before_held(t, op, h)) {
        ss_leave_runtime();
        return;
      }
      n = t->nheld; /* a stale entry went */
      top = n ? &t->held[n - 1] : NULL;
    }
  }
  struct ss_class_ref ref;
  ss_class_resolve(t, op, &ref);
  op->node = ref.class_id;
  if (SS_UNLIKELY(t->nest_addr == op->addr))
    op->node = ss_lock_nested_node(t, op->node);
  op->gen = ref.gen;
  op->level = ref.level;
  op->ordered = ref.ordered;
  op->chain = ss_chain_step(top ? top->chain : 0, op->node, op->mode, op->acq == SS_ACQ_TRY,
                            op->level);
  op->resolved = 1;
  if (top && op->node && op->acq != SS_ACQ_TRY) {
    /* A cached chain is the key itself, with bit 0 set when it nests a
     * class in itself (then each new pair of instances is checked). */
    uint64_t cached = *ss_chain_slot(t, op->chain);
    if (SS_UNLIKELY((cached & ~1ull) != op->chain || (cached & 1))) {
      SS_NOTE_HOOK_PC();
      ss_lock_check_chain(t, op, cached);
    }
  }
  if (op->acq != SS_ACQ_TRY)
    ss_wait_begin(t, op, timed, shared);
  /* A blocking acquire reads the clock only once its trylock failed
   * (ss_lock_contended); a timed one, which tries no lock first, now. */
  op->t0 = SS_UNLIKELY(ss_timing_on) && timed ? ss_now_ns() : 0;
  ss_leave_runtime();
}

static SS_ALWAYS_INLINE void ss_lock_after(struct ss_lock_thread *t, const struct ss_lockop *op, int rc) {
  if (op->acq != SS_ACQ_TRY)
    ss_wait_end(t);
  if (rc != 0)
    return;
  ss_enter_runtime();
  uint32_t n = t->nheld;
  if (SS_UNLIKELY(!op->resolved || ss_after_slow_on || n >= t->held_cap)) {
    SS_NOTE_HOOK_PC();
    ss_lock_after_slow(t, op);
    ss_leave_runtime();
    return;
  }
  ss_held_publish(t, n, op, 0);
  ss_leave_runtime();
}

/* The common release: the innermost lock, held once, untimed. Two stores
 * that leave the stack whole at every point: a handler that runs between
 * them finds a consistent stack, so this path needs no runtime region. It
 * needs nothing of the lock but its address either, so the unlock hooks
 * try it before they describe the lock (the site is for reports only).
 * Returns whether it released addr. */
static SS_ALWAYS_INLINE int ss_unlock_top(struct ss_lock_thread *t, uintptr_t addr) {
  uint32_t n = t->nheld;
  /* With the profile alone, an untimed hold's release has nothing to say
   * (lock_profile.h). */
  if (SS_LIKELY(n && t->held[n - 1].addr == addr && !t->held[n - 1].depth &&
                (!ss_timing_on || (ss_profile_only && !t->held[n - 1].acq_ns)))) {
    __atomic_store_n(&t->held[n - 1].addr, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&t->nheld, n - 1, __ATOMIC_RELEASE);
    return 1;
  }
  return 0;
}

static SS_ALWAYS_INLINE void ss_unlock_before(struct ss_lock_thread *t, struct ss_lockop *op) {
  op->site = ss_site(op->site);
  if (SS_LIKELY(ss_unlock_top(t, op->addr)))
    return;
  ss_enter_runtime();
  SS_NOTE_HOOK_PC();
  ss_unlock_slow(t, op);
  ss_leave_runtime();
}

/* The part of op that ss_lock_before resolves, from the thread's current
 * cache entry e and the chain key with the lock on top. */
static SS_ALWAYS_INLINE void ss_op_cached(struct ss_lockop *op,
                                          const struct ss_class_cache_entry *e, uint64_t chain) {
  op->node = e->class_id;
  op->gen = e->gen;
  op->level = e->level;
  op->ordered = (e->held_flags & SS_HELD_ORDERED) != 0;
  op->chain = chain;
  op->resolved = 1;
}

/* ---- the first lock a thread takes ----
 *
 * A thread that holds no lock and acquires one can break no rule that
 * ss_lock_before checks: nothing held means no double lock, no lock-order
 * edge, no level to compare. What remains is what the held entry and the
 * wait marker record, for later acquisitions, releases, the watchdog and
 * reports. So when the lock's class is in the thread's cache and nothing
 * asks for more (timing, held stacks, a syncsan_lock_nested() pending on
 * this lock), the hook takes this path instead: the same entry, the same
 * marker, built from an op that no out-of-line function ever sees, so
 * that it stays in registers (the general path hands its op to slow
 * paths, and the compiler keeps that one in memory: 217 instructions for
 * a mutex's uncontended acquire, against about 90 here). Anything else,
 * and a thread that holds a lock, takes the general path. op is the
 * hook's own, filled as for ss_lock_before; returns 1 when taken. */
static SS_ALWAYS_INLINE int ss_lock_first_begin(struct ss_lock_thread *t, struct ss_lockop *op) {
  const int shared = op->mode == SS_MODE_READ;
  if (t->nheld || ss_fast_off || t->nest_addr == op->addr ||
      (op->site->flags & (SYNCSAN_SITE_SYSTEM_HEADER | SYNCSAN_SITE_WRAPPER)))
    return 0;
  const struct ss_class_cache_entry *e = ss_class_cached(t, op->addr);
  if (!e)
    return 0;
  ss_enter_runtime();
  ss_op_cached(op, e, ss_chain_step(0, e->class_id, op->mode, 0, e->level));
  ss_wait_begin(t, op, 0, shared);
  ss_leave_runtime();
  return 1;
}

/* After the real acquire that ss_lock_first_begin prepared, with its
 * result and, for the profile, the clock before it blocked (0: it did not;
 * the hook tries the lock first when timing is on): as ss_lock_after, for
 * a thread whose held stack was empty (its first entry always fits). */
static SS_ALWAYS_INLINE void ss_lock_first_end(struct ss_lock_thread *t, const struct ss_lockop *op,
                                               int rc, uint64_t t0) {
  ss_wait_end(t);
  if (rc != 0)
    return;
  ss_enter_runtime();
  /* With timing on, only the profile is (ss_fast_off keeps the rest off
   * this path). */
  uint64_t now = SS_UNLIKELY(ss_timing_on) ? ss_profile_acquire(t, op->node, op->site, t0) : 0;
  ss_held_publish(t, 0, op, now);
  ss_leave_runtime();
}

/* ---- a lock taken in a chain the thread has checked ----
 *
 * The same idea for a thread that holds locks: when the new lock is not
 * one it holds (no double lock, no recursion), its class is in the cache,
 * and the chain of held classes plus this one is in the chain cache (so
 * its order edges and levels were checked when the chain was first seen,
 * and it nests no class in itself), ss_lock_before has nothing to check
 * either. This path builds the same op and wait marker, in registers; the
 * hook pushes with ss_lock_chain_end. Off with every option that keeps the
 * first-lock path off, and with timing (the profile's general path times
 * it). Returns 1 when taken. */
static SS_ALWAYS_INLINE int ss_lock_chain_begin(struct ss_lock_thread *t, struct ss_lockop *op) {
  const int shared = op->mode == SS_MODE_READ;
  uint32_t n = t->nheld;
  if (!n || n >= t->held_cap ||
      (t->fast_off & (SS_FAST_OFF_NOT_STARTED | SS_FAST_OFF_OPTIONS | SS_FAST_OFF_NESTED)) ||
      (op->site->flags & (SYNCSAN_SITE_SYSTEM_HEADER | SYNCSAN_SITE_WRAPPER)) ||
      ss_held_find(t, op->addr))
    return 0;
  const struct ss_class_cache_entry *e = ss_class_cached(t, op->addr);
  if (!e || !e->class_id)
    return 0;
  uint64_t chain = ss_chain_step(t->held[n - 1].chain, e->class_id, op->mode, 0, e->level);
  if (*ss_chain_slot(t, chain) != chain)
    return 0;
  ss_enter_runtime();
  ss_op_cached(op, e, chain);
  ss_wait_begin(t, op, 0, shared);
  ss_leave_runtime();
  return 1;
}

/* After the real acquire that ss_lock_chain_begin prepared, with its
 * result: as ss_lock_after. The push fits unless a signal handler's lock
 * filled the stack meanwhile; then the general after-path records it. */
static SS_ALWAYS_INLINE void ss_lock_chain_end(struct ss_lock_thread *t, const struct ss_lockop *op,
                                               int rc) {
  ss_wait_end(t);
  if (rc != 0)
    return;
  ss_enter_runtime();
  uint32_t n = t->nheld;
  if (SS_UNLIKELY(n >= t->held_cap)) {
    SS_NOTE_HOOK_PC();
    ss_lock_after_slow(t, op);
  } else {
    ss_held_publish(t, n, op, 0);
  }
  ss_leave_runtime();
}

/* The blocking-acquire hooks' branch for that path. cop is the hook's op,
 * filled as for ss_lock_before; rc names the result; trycall and call are
 * the real trylock and lock, busy the trylock's "taken" result, ok(rc) the
 * result as ss_lock_after takes it (0: acquired), after a statement run
 * once acquired. Returns rc from the hook when the path is taken; falls
 * through to the general path when it is not, or when the trylock (tried
 * first as ss_lock_try_first says) found the lock taken: the general path
 * then looks for a deadlock before it blocks. */
#define SS_LOCK_CHAIN_PATH(t, cop, rc, trycall, call, busy, ok, after)                         \
  do {                                                                                       \
    if (!ss_lock_chain_begin(t, &(cop)))                                                     \
      break;                                                                                 \
    int rc;                                                                                  \
    if (ss_lock_try_first(t)) {                                                              \
      rc = trycall;                                                                          \
      if (SS_UNLIKELY(rc == (busy))) {                                                       \
        ss_wait_end(t);                                                                      \
        break;                                                                               \
      }                                                                                      \
    } else {                                                                                 \
      rc = call;                                                                             \
    }                                                                                        \
    ss_lock_chain_end(t, &(cop), ok(rc));                                                    \
    after;                                                                                   \
    return rc;                                                                               \
  } while (0)

/* In the hooks of blocking acquires, which try the real trylock first:
 * the trylock found the lock taken, so the thread is about to block. The
 * uncontended acquire (the trylock takes it) never gets here, so the
 * deadlock check at blocking time (ss_deadlock_now) costs nothing on the
 * fast path; this is out of line and cold, so that the hook's fast path
 * keeps its registers. Returns whether deadlock_action=fail refused the
 * acquisition because blocking would close a certain deadlock (reported);
 * then the hook returns its API's error, as for ss_lock_refused. */
SS_HIDDEN SS_COLD int ss_lock_contended(struct ss_lock_thread *t, struct ss_lockop *op);
/* Whether a blocking acquire tries the trylock first: only a thread that
 * holds a lock can close a wait-for cycle (someone must wait for one of
 * its locks), so the common case of a thread taking its first lock calls
 * the real lock directly and pays nothing at all; so does every acquire
 * with deadlock_at_block=0. With timing on (lock_profile.h) every blocking
 * acquire tries first: the failed trylock is what tells a contended
 * acquire, the only kind whose wait is timed. */
static SS_ALWAYS_INLINE int ss_lock_try_first(const struct ss_lock_thread *t) {
  return (t->nheld != 0 && ss_lock_flags.deadlock_at_block) || SS_UNLIKELY(ss_timing_on);
}
#endif
