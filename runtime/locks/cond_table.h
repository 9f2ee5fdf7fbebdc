/* Condition-variable state: which mutex the current waiters use and how
 * many threads are still blocked, for the condvar checks. Every entry point
 * runs on a wait, signal, init or destroy: slow paths next to a futex call,
 * so a striped-spinlock hash table is enough. */
#ifndef SYNCSAN_COND_TABLE_H
#define SYNCSAN_COND_TABLE_H
#include "core/internal.h"

/* What one waiter remembers between the start and the end of its wait. */
struct ss_cond_ticket {
  uint32_t id;      /* the condvar incarnation; 0 when untracked */
  uint32_t gen;     /* broadcast generation at the start of the wait */
  uintptr_t mutex;  /* the mutex it waits with; 0 when that did not bind */
  uint32_t signals; /* the condvar's signal count at the start of the wait */
};

/* A consistent copy of one condvar's state. */
struct ss_cond_info {
  uint32_t id;                          /* "C<id>" in reports */
  const struct syncsan_site *init_site; /* NULL: statically initialised */
  const char *name;                     /* global symbol, when known */
  uint32_t waiting;                     /* threads inside a wait call */
  uint32_t blocked;                     /* of those, surely not yet woken */
  uintptr_t mutex;                      /* mutex of the waiters; 0 when none */
  uint32_t mutex_waiters;               /* waiters that use it */
  uint16_t mutex_kind;                  /* enum ss_lock_kind */
  uint32_t mutex_tid;                   /* a waiter using it */
  const struct syncsan_site *mutex_site; /* where that waiter waits */
  const struct syncsan_site *destroy_site; /* of a destroyed condvar only */
  uint32_t signals;                     /* signals and broadcasts sent, ever */
};

/* A wait on cond with mutex starts. Returns 1 and describes the waiters in
 * *other when they use a different mutex. `site` names the condvar's global
 * (if any) and is where this thread waits. */
SS_HIDDEN int ss_cond_wait_begin(uintptr_t cond, uintptr_t mutex, int mutex_kind,
                                 const struct syncsan_site *site, uint32_t tid,
                                 struct ss_cond_ticket *tk, struct ss_cond_info *other);
SS_HIDDEN void ss_cond_wait_end(uintptr_t cond, const struct ss_cond_ticket *tk);
/* A signal (all = 0) or broadcast (all = 1) is sent. Returns 1 and
 * describes the condvar in *destroyed when it was destroyed and not
 * initialised since (as ss_cond_gone). */
SS_HIDDEN int ss_cond_wake(uintptr_t cond, int all, struct ss_cond_info *destroyed);
/* Returns 1 and describes cond in *out (id, name, init and destroy sites)
 * when it was destroyed and has not been initialised or waited on since.
 * Lossy: a destroy at a colliding address forgets the earlier one. */
SS_HIDDEN int ss_cond_gone(uintptr_t cond, struct ss_cond_info *out);
/* The destroyed condvar at cond was statically initialised again (its
 * bytes say so): forget that it was destroyed. */
SS_HIDDEN void ss_cond_forget_gone(uintptr_t cond);
/* A condvar is (re-)initialised or destroyed. The state it had is copied
 * into *prev (returns 0 when it was unknown); the condvar then starts anew
 * (init) or is forgotten (destroy). Waiters of the old incarnation keep
 * tickets that no longer match anything. */
SS_HIDDEN int ss_cond_created(uintptr_t cond, const struct syncsan_site *site,
                              struct ss_cond_info *prev);
SS_HIDDEN int ss_cond_destroyed(uintptr_t cond, const struct syncsan_site *site,
                                struct ss_cond_info *prev);
/* The state of a condvar in use, without creating a record for one not
 * seen (the deadlock watchdog asks); 0 when unknown. */
SS_HIDDEN int ss_cond_peek(uintptr_t cond, struct ss_cond_info *out);
/* In a forked child: no thread waits on any condvar (the waiters did not
 * survive the fork; the forking thread was not waiting). */
SS_HIDDEN void ss_cond_table_fork_child(void);
/* The current state; creates the record of a condvar first seen in use. */
SS_HIDDEN int ss_cond_info(uintptr_t cond, const struct syncsan_site *site,
                           struct ss_cond_info *out);
#endif
