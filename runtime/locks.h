/* Lock events common to every lock kind. The per-API hook files
 * (mutex_hooks.c, ...) translate their API into these calls around the real
 * operation; the checks themselves live here. */
#ifndef SYNCSAN_LOCKS_H
#define SYNCSAN_LOCKS_H
#include "thread.h"

enum ss_acquire { SS_ACQ_BLOCKING, SS_ACQ_TRY, SS_ACQ_TIMED };

/* What the caller knows about the lock object's semantics. */
struct ss_lockop {
  uintptr_t addr;
  const struct syncsan_site *site;
  uint16_t kind;      /* enum ss_lock_kind */
  uint16_t mode;      /* enum ss_mode */
  uint8_t acq;        /* enum ss_acquire */
  uint8_t recursive;  /* re-acquiring while held is allowed */
  uint8_t errorcheck; /* re-acquiring returns an error instead of hanging */
  /* Filled by ss_lock_before for ss_lock_after; hooks leave them alone. */
  uint8_t resolved;   /* class and chain below are valid */
  uint32_t node;      /* lock-order graph node (class, or subclass) */
  uint32_t gen;       /* lock record generation */
  int32_t level;      /* declared level; 0 none */
  uint32_t ordered;   /* that level is an ordered group */
  uint64_t chain;     /* chain key with this lock on top */
  uint64_t t0;        /* clock before the real acquire (timing on) */
};

/* The event functions resolve op->site first (ss_site: a site inside a
 * system-header wrapper becomes the user's call of the wrapper), so the
 * hooks pass the pass's site as they got it and every later use, rules and
 * held-stack entries included, sees the user's location. */

/* Before the real acquire. Reports double-lock (before the thread would
 * block on itself) and ends the process when the acquire could only hang. */
SS_HIDDEN void ss_lock_before(struct ss_thread *t, struct ss_lockop *op);
/* After the real acquire returned rc (0: acquired). Every ss_lock_before
 * is paired with exactly one ss_lock_after. */
SS_HIDDEN void ss_lock_after(struct ss_thread *t, const struct ss_lockop *op, int rc);
/* Before the real release. */
SS_HIDDEN void ss_unlock_before(struct ss_thread *t, struct ss_lockop *op);
/* After a successful *_init, and before the real *_destroy. */
SS_HIDDEN void ss_lock_created(struct ss_thread *t, struct ss_lockop *op);
SS_HIDDEN void ss_lock_destroyed(struct ss_thread *t, struct ss_lockop *op);

/* ---- API rules (lock_rules.c) ----
 * Misuse checks that run only off the fast path: each is called when the
 * calling thread's own state already shows something unusual. */
/* The thread releases op->addr, which is not in its held stack. */
SS_HIDDEN void ss_rule_unlock_unheld(struct ss_thread *t, const struct ss_lockop *op);
/* op->addr is being destroyed (or re-initialised, when reinit). */
SS_HIDDEN void ss_rule_destroy(struct ss_thread *t, const struct ss_lockop *op, int reinit);
/* The thread exits (or the process does) with t->nheld locks held. */
SS_HIDDEN void ss_rule_thread_exit(struct ss_thread *t, int process_exit);
#endif
