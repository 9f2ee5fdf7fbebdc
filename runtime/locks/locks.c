/* Lock events common to every lock kind: the checks of the fast path, and
 * the hand-off to the shared models when something is new.
 *
 * Fast path (a lock the thread has seen, in a chain of held classes it has
 * checked before): the class comes from the thread's class cache, the
 * chain key is one hash step from the innermost held entry, and the chain
 * cache says it was checked. Nothing shared is written; the only shared
 * read is the lock record's generation (a rarely written line). */
#include "locks.h"

#include "gone_table.h"
#include "lock_flags.h"
#include "lock_fork.h"
#include "lock_graph.h"
#include "lock_table.h"
#include "core/access.h"
#include "core/report.h"

static void report_double_lock(struct ss_lock_thread *t, const struct ss_lockop *op,
                               const struct ss_held *prev, int hangs) {
  struct ss_report *r =
      ss_report_begin("double-lock", SS_SEV_ERROR, op->site, (uintptr_t)op->site,
                      (uintptr_t)prev->site);
  if (!r)
    return;
  ss_lock_lookup(op->addr, op->kind, op->site, NULL);
  char label[200];
  ss_lock_label(op->addr, op->kind, op->site, label, sizeof(label));
  ss_report_headline(r, "thread T%u acquires %s that it already holds%s", t->tid, label,
                     op->refused
                         ? (op->kind == SS_KIND_MTX
                                ? "; deadlock_action=fail: the call returns thrd_error "
                                  "without locking"
                                : "; deadlock_action=fail: the call returns EDEADLK "
                                  "without locking")
                     : hangs ? "; the thread would block on itself forever"
                     : op->errorcheck ? " (the call fails with EDEADLK)"
                     : op->pshared && op->acq == SS_ACQ_BLOCKING
                         ? "; it is process-shared, so it waits until some process releases it"
                     /* Nobody else can release it: the timeout is certain. */
                     : op->acq == SS_ACQ_TIMED && !op->pshared ? "; the call can only time out"
                         : "");
  ss_report_section_here(r, op->site, "Second acquisition by thread T%u", t->tid);
  ss_report_section_stack(r, prev->site, ss_held_stack(prev),
                          "First acquisition by thread T%u, still held", t->tid);
  ss_report_lock_origin(r, op->addr);
  ss_report_thread(r, t->tid);
  ss_report_end(r);
}

/* ---- lock levels ---- */

static void report_level(struct ss_lock_thread *t, const struct ss_lockop *op,
                         const struct ss_held *h) {
  struct ss_report *r = ss_report_begin("lock-level-violation", SS_SEV_ERROR, op->site,
                                        (uintptr_t)op->site, (uintptr_t)h->site);
  if (!r)
    return;
  char a[200], b[200];
  ss_lock_label(op->addr, op->kind, op->site, a, sizeof(a));
  ss_lock_label(h->addr, h->kind, h->site, b, sizeof(b));
  ss_report_headline(r,
                     "thread T%u acquires %s (level %d) while holding %s (level %d); a "
                     "lock's level must be higher than every level held%s",
                     t->tid, a, op->level, b, h->level,
                     op->level == h->level ? " (equal levels only in an ordered group)" : "");
  ss_report_section_here(r, op->site, "Acquisition of level %d by thread T%u", op->level, t->tid);
  ss_report_section_stack(r, h->site, ss_held_stack(h), "Level %d held since", h->level);
  ss_report_thread(r, t->tid);
  ss_report_end(r);
}

static void check_levels(struct ss_lock_thread *t, const struct ss_lockop *op) {
  uint32_t n = t->nheld;
  const struct ss_held *worst = NULL;
  for (uint32_t i = 0; i < n; i++) {
    const struct ss_held *h = &t->held[i];
    if (!h->level || h->addr == op->addr)
      continue;
    int bad = h->level > op->level ||
              (h->level == op->level && !(op->ordered && (h->flags & SS_HELD_ORDERED)));
    if (bad && (!worst || h->level > worst->level))
      worst = h;
  }
  if (worst)
    report_level(t, op, worst);
}

/* ---- slow paths of the inline events (locks.h) ---- */

SS_HIDDEN int ss_lock_before_held(struct ss_lock_thread *t, struct ss_lockop *op,
                                  struct ss_held *h) {
  if (op->recursive)
    return 1;
  /* Shared acquisition of a lock already held shared is a recursive read:
   * allowed (the rwlock counts readers). */
  if (op->mode == SS_MODE_READ && h->mode == SS_MODE_READ)
    return 1;
  /* A failed trylock on a held lock is not a bug: it cannot block. */
  if (op->acq == SS_ACQ_TRY)
    return 1;
  /* A process-shared entry inherited through a fork is the parent's. */
  if ((h->flags & SS_HELD_PSHARED) && ss_lock_fork_unseen(t))
    return 0;
  /* The entry may name an earlier lock at this address: another thread
   * re-initialised it since (that was reported), and the object is a new,
   * unlocked one. Forget the entry and acquire as usual. */
  if (ss_lock_stale(op->addr, h->lock_gen)) {
    ss_held_drop(t, h);
    return 0;
  }
  /* Another process may release a process-shared lock: no certain
   * self-deadlock, so it is reported but never ended. */
  int hangs = op->acq == SS_ACQ_BLOCKING && !op->errorcheck && !op->pshared;
  enum ss_deadlock_action act = hangs ? ss_deadlock_action() : SS_DEADLOCK_HANG;
  /* Only a certain self-deadlock is refused, and only because the user
   * asked (deadlock_action=fail): every blocking acquire's API has an error
   * return (EDEADLK; thrd_error for mtx_lock). Timed calls are left alone:
   * they end by themselves with their own timeout error. */
  op->refused = act == SS_DEADLOCK_FAIL;
  report_double_lock(t, op, h, hangs);
  if (act == SS_DEADLOCK_ABORT) {
    ss_printf("==%d==syncsan: ending the process: thread T%u would wait for itself "
              "forever (abort_on_deadlock=0 lets it hang)\n",
              ss_pid(), t->tid);
    ss_die();
  }
  return 1;
}

SS_HIDDEN uint32_t ss_lock_nested_node(struct ss_lock_thread *t, uint32_t node) {
  t->nest_addr = 0;
  t->fast_off &= ~SS_FAST_OFF_NESTED;
  return ss_node_subclass(node, t->nest_subclass);
}

static int holds_node(struct ss_lock_thread *t, uint32_t node) {
  uint32_t n = t->nheld;
  for (uint32_t i = 0; i < n; i++)
    if (t->held[i].class_id == node)
      return 1;
  return 0;
}

/* Whether the chain has a mixed class (lock_class.h): its edges are also
 * learned between instances, so each new set of instances is checked. */
static int chain_mixed(struct ss_lock_thread *t, uint32_t node) {
  if (ss_graph_mixed(node))
    return 1;
  uint32_t n = t->nheld;
  for (uint32_t i = 0; i < n; i++)
    if (t->held[i].class_id && ss_graph_mixed(t->held[i].class_id))
      return 1;
  return 0;
}

/* Whether in-order nesting (below) may stand in for the instance search on
 * this chain: it has no mixed class, or its one class is mixed and every
 * held lock is of it, and no edge joins that class's instances to another
 * class's (lock_graph.h): then only its own edges could close a cycle among
 * its instances. A program's own code built without the pass is the common
 * case: its interposed sites count as a lock layer's (lock_sites.h), so a
 * table of bucket locks nested in index order is a mixed class. */
static int in_order_allowed(struct ss_lock_thread *t, uint32_t node) {
  if (!chain_mixed(t, node))
    return 1;
  if (!ss_graph_mixed(node) || ss_graph_mixed_cross(node))
    return 0;
  for (uint32_t i = 0; i < t->nheld; i++)
    if (t->held[i].class_id && t->held[i].class_id != node)
      return 0;
  return 1;
}

/* Instances of one class nested in one address order.
 *
 * Nesting two locks of one class orders the two instances, and a cycle
 * among a class's instances needs a nesting against the order of others.
 * While every nesting of a class has gone one way in address order
 * (buckets taken in ascending index order: the discipline that keeps
 * multi-bucket operations deadlock-free), its instance edges all point one
 * way and cannot close a cycle, so none is recorded or searched: the check
 * is one comparison and one shared read of a word written at most twice,
 * whatever the number of instances or threads. The first
 * SS_ORDERED_INSTANCE_EDGES in-order pairs are still recorded (without a
 * search), so that the first nesting the other way, which ends this for
 * the class for good, finds the cycle it closes with them; from then on
 * the class's instances are ordered by the instance graph, as every
 * class's were before. In-order pairs past the bound are not recorded: a
 * cycle through one that is never taken again after the reversal is
 * missed (never reported falsely); one taken again is recorded then, as
 * no thread's pair cache holds it. A mixed class is ordered by instances
 * across classes too, and is left out once such an edge exists
 * (in_order_allowed). */
static int nesting_in_order(struct ss_lock_thread *t, const struct ss_lockop *op) {
  struct ss_node *n = ss_node_get(op->node);
  if (!n || n->kind == SS_NODE_INSTANCE)
    return 0;
  const struct ss_held *inner = NULL;
  for (uint32_t i = t->nheld; i-- > 0;)
    if (t->held[i].class_id == op->node && t->held[i].addr != op->addr) {
      inner = &t->held[i];
      break;
    }
  if (!inner)
    return 0;
  uint32_t dir = inner->addr < op->addr ? SS_INST_ORDER_UP : SS_INST_ORDER_DOWN;
  uint32_t cur = __atomic_load_n(&n->inst_order, __ATOMIC_ACQUIRE);
  if (cur == dir)
    return 1;
  if (cur == SS_INST_ORDER_UNKNOWN &&
      __atomic_compare_exchange_n(&n->inst_order, &cur, dir, 0, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE))
    return 1;
  if (cur == dir)
    return 1;
  if (cur != SS_INST_ORDER_NONE)
    __atomic_store_n(&n->inst_order, SS_INST_ORDER_NONE, __ATOMIC_RELEASE);
  return 0;
}

/* A chain (held classes + the new lock) the thread has not checked: learn
 * its edges and check levels. A chain nesting a class in itself, or with a
 * mixed class in it, is cached with bit 0 set: every new pair (set) of
 * instances then gets its instance edges, checked once per thread through
 * a pair key in the same cache. */
SS_HIDDEN void ss_lock_check_chain(struct ss_lock_thread *t, struct ss_lockop *op, uint64_t cached) {
  uint64_t *slot = ss_chain_slot_w(t, op->chain);
  int in_order;
  if ((cached & ~1ull) != op->chain) {
    int mixed = chain_mixed(t, op->node);
    int same = holds_node(t, op->node) || mixed;
    in_order = same && ss_lock_flags.detect_lock_order && in_order_allowed(t, op->node) &&
               nesting_in_order(t, op);
    if (ss_lock_flags.detect_lock_order)
      ss_graph_learn(t, op, op->node, op->gen, in_order ? SS_LEARN_IN_ORDER : 0);
    if (op->level)
      check_levels(t, op);
    *slot = op->chain | (uint64_t)same;
    if (!same)
      return;
    /* This pair was just learned: remember it below. */
  } else if (!ss_lock_flags.detect_lock_order) {
    return;
  } else {
    in_order = in_order_allowed(t, op->node) && nesting_in_order(t, op);
  }
  /* Past the bound, an in-order pair is neither recorded nor remembered:
   * O(1), and nothing in the pair cache hides it after a reversal. */
  if (in_order && __atomic_load_n(&ss_node_get(op->node)->inst_edges, __ATOMIC_RELAXED) >=
                      SS_ORDERED_INSTANCE_EDGES)
    return;
  /* The pair names both instances by address and incarnation, every bit
   * mixed in: memory is reused, so the same two addresses come back as new
   * locks, whose pair must not look checked already. */
  uint64_t pair = ss_mix64(op->chain ^ ((uint64_t)op->addr * 0xc2b2ae3d27d4eb4full)) ^ op->gen;
  uint32_t n = t->nheld;
  /* A mixed chain orders every held instance before the new one: they all
   * name the set. Otherwise only the innermost one of the same class gets
   * an instance edge. */
  int mixed = chain_mixed(t, op->node);
  for (uint32_t i = n; i-- > 0;)
    if (mixed || t->held[i].class_id == op->node) {
      pair = ss_mix64(pair ^ ((uint64_t)t->held[i].addr * 0x9e3779b97f4a7c15ull) ^
                      ((uint64_t)t->held[i].lock_gen << 32));
      if (!mixed)
        break;
    }
  pair = ss_mix64(pair) & ~1ull;
  uint64_t *pslot = ss_chain_slot_w(t, pair);
  if (*pslot == pair)
    return;
  if ((cached & ~1ull) == op->chain)
    ss_graph_learn(t, op, op->node, op->gen,
                   SS_LEARN_SAME_CLASS_ONLY | (in_order ? SS_LEARN_IN_ORDER : 0));
  *pslot = pair;
  /* The pair slot may have evicted the chain itself: keep the chain. */
  *slot = op->chain | 1;
}

SS_HIDDEN int ss_after_slow_on, ss_fast_off, ss_profile_only;

/* An access observer (core/access.h: NUMA cross-node accounting) counts
 * every acquisition in ss_lock_after_slow: every path leads there then. */
SS_HIDDEN void ss_after_slow_init(void) {
  ss_after_slow_on = ss_timing_on || ss_lock_flags.held_stacks || ss_access_on;
  ss_fast_off = ss_lock_flags.held_stacks || ss_lock_flags.lock_hold_warn_ms > 0 || ss_access_on;
  ss_profile_only = ss_timing_on && !ss_fast_off;
}

SS_HIDDEN int ss_fast_options_off(void) { return ss_fast_off || ss_timing_on || ss_after_slow_on; }

SS_HIDDEN void ss_lock_after_slow(struct ss_lock_thread *t, const struct ss_lockop *op) {
  ss_access_note(op->addr, op->site, SS_ACCESS_LOCK);
  if (!op->resolved) {
    /* A re-acquisition ss_lock_before_held let through: a recursive lock
     * or a second read; or an acquisition that raced a report. */
    struct ss_held *h = ss_held_find(t, op->addr);
    if (h) {
      h->depth++;
      return;
    }
  }
  uint64_t now = ss_timing_on && op->resolved ? ss_profile_acquire(t, op->node, op->site, op->t0) : 0;
  struct ss_held *e = ss_held_push(t);
  if (!e)
    return;
  ss_held_fill(e, op, op->resolved);
  e->acq_ns = now;
  e->acq_coarse_ms = ss_lock_flags.lock_hold_warn_ms > 0 ? ss_coarse_ms() : 0;
  e->stack = ss_lock_flags.held_stacks ? ss_stack_capture_site(op->site, ss_self.hook_pc) : 0;
  __atomic_store_n(&e->addr, op->addr, __ATOMIC_RELEASE);
}

/* After an out-of-order unlock, the entries above the removed one have a
 * new prefix: recompute their chain keys. */
static void rechain_from(struct ss_lock_thread *t, uint32_t idx) {
  uint32_t n = t->nheld;
  for (uint32_t i = idx; i < n; i++) {
    struct ss_held *h = &t->held[i];
    h->chain = ss_chain_step(i ? t->held[i - 1].chain : 0, h->class_id, h->mode,
                             (h->flags & SS_HELD_TRY) != 0, h->level);
  }
}

SS_HIDDEN void ss_held_drop(struct ss_lock_thread *t, struct ss_held *h) {
  uint32_t idx = (uint32_t)(h - t->held);
  ss_held_remove(t, h);
  uint32_t n = t->nheld;
  if (SS_UNLIKELY(idx < n))
    rechain_from(t, idx);
}

SS_HIDDEN void ss_held_drop_stale(struct ss_lock_thread *t) {
  uint32_t n = t->nheld;
  for (uint32_t i = n; i-- > 0;)
    if (ss_lock_stale(t->held[i].addr, t->held[i].lock_gen))
      ss_held_drop(t, &t->held[i]);
}

SS_HIDDEN void ss_unlock_slow(struct ss_lock_thread *t, struct ss_lockop *op) {
  struct ss_held *h = ss_held_find(t, op->addr);
  if (SS_LIKELY(h)) {
    if (h->depth) {
      h->depth--;
      return;
    }
    if (SS_UNLIKELY(ss_timing_on))
      ss_profile_released(t, h, op->site, h->acq_ns ? ss_now_ns() : 0);
    ss_held_drop(t, h);
    return;
  }
  /* Past max_held_locks the stack is incomplete: a lock not found may be
   * one that was counted but not recorded. Stay silent and uncount it. */
  if (t->nlost) {
    t->nlost--;
    return;
  }
  ss_rule_unlock_unheld(t, op);
}

SS_HIDDEN void ss_lock_retire(uintptr_t addr) {
  uint32_t class_id;
  uint32_t instances = ss_lock_forget(addr, &class_id);
  if (instances)
    ss_graph_retire(instances);
  /* A class that is this one lock (a global's symbol) loses the order it
   * taught: the next incarnation starts with none (lock_graph.h). */
  if (class_id)
    ss_graph_retire_class(class_id);
}

/* Not inlined into a hook: its return address is the hook's, which the
 * init-stack capture starts above (ss_class_init_pc). */
SS_HIDDEN __attribute__((noinline)) void ss_lock_created(struct ss_lock_thread *t,
                                                         struct ss_lockop *op) {
  op->site = ss_site(op->site);
  uint64_t user_key = 0;
  uintptr_t user_pc =
      ss_class_init_pc(op->site, (uintptr_t)__builtin_return_address(0), &user_key);
  /* Re-initialising a lock that is known (not destroyed): held by this
   * thread or another, it is a lock-reinit-held. */
  struct ss_lock known;
  if (SS_UNLIKELY(ss_held_find(t, op->addr) || ss_lock_snapshot(op->addr, &known))) {
    ss_rule_destroy(t, op, 1);
    ss_rule_owner_died(op->addr);
  }
  /* A re-initialised object is a new lock, unlocked whatever the old one
   * was (memory reused from a dead frame, an unlock syncsan did not see).
   * Its new incarnation makes every held entry of the old one stale
   * (ss_lock_stale), this thread's included: the next acquire is not a
   * double-lock, the holder's exit is not lock-held-at-exit, and nobody is
   * named as its holder. A stale entry still pairs with its thread's next
   * unlock of the address, which stays silent as before. */
  ss_lock_retire(op->addr);
  ss_gone_forget(op->addr, (uint16_t)(op->kind + 1)); /* a new lock: using it is fine */
  ss_lock_lookup(op->addr, op->kind, op->site, op->site);
  if (user_pc)
    ss_lock_set_init_pc(op->addr, user_pc, user_key);
}

SS_HIDDEN void ss_lock_destroyed(struct ss_lock_thread *t, struct ss_lockop *op) {
  op->site = ss_site(op->site);
  ss_rule_destroy(t, op, 0);
  ss_rule_owner_died(op->addr);
  ss_lock_gone_begin(op);
  ss_lock_retire(op->addr);
}
