/* Real deadlocks: a watchdog thread finds threads blocked in lock acquires
 * for longer than deadlock_timeout_ms that wait for each other in a cycle.
 *
 * A blocking acquire publishes what it waits for in the thread's own state
 * (a few stores, no clock read); the watchdog notices a wait that has not
 * changed across scans spanning the timeout, and only then looks at who
 * holds what. */
#ifndef SYNCSAN_DEADLOCK_H
#define SYNCSAN_DEADLOCK_H
#include "lockop.h"

/* The wait's lock kind follows from the site's operation, so the fast
 * path stores only what the watchdog cannot derive. Whether the wait is
 * bounded (a timed acquire) and whether it is shared (an rdlock) cannot be
 * derived (a caller site names no operation), so they travel in the low
 * bits of waiting_for: a lock object is at least 4-byte aligned (the futex
 * word under every lock kind must be). `timed` and `shared` are constants
 * in each hook, so this costs nothing. */
#define SS_WAIT_TIMED ((uintptr_t)1)
#define SS_WAIT_READ ((uintptr_t)2)
#define SS_WAIT_FLAGS (SS_WAIT_TIMED | SS_WAIT_READ)

static SS_ALWAYS_INLINE void ss_wait_begin(struct ss_lock_thread *t, const struct ss_lockop *op,
                                           int timed, int shared) {
  t->wait_site = op->site;
  __atomic_store_n(&t->wait_seq, t->wait_seq + 1, __ATOMIC_RELAXED);
  __atomic_store_n(&t->waiting_for,
                   op->addr | (timed ? SS_WAIT_TIMED : 0) | (shared ? SS_WAIT_READ : 0),
                   __ATOMIC_RELEASE);
}

static SS_ALWAYS_INLINE void ss_wait_end(struct ss_lock_thread *t) {
  __atomic_store_n(&t->waiting_for, 0, __ATOMIC_RELAXED);
}

/* What deadlock_action (with abort_on_deadlock, lock_flags.def) asks for
 * after a certain self-deadlock or deadlock is reported. */
enum ss_deadlock_action { SS_DEADLOCK_ABORT, SS_DEADLOCK_HANG, SS_DEADLOCK_FAIL };
SS_HIDDEN enum ss_deadlock_action ss_deadlock_action(void);
/* After a certain deadlock's report: ends the process when the action is
 * abort (the default), else returns the action for the caller to apply. */
SS_HIDDEN enum ss_deadlock_action ss_deadlock_reported(void);

/* A blocking acquire found its lock taken (its trylock failed) and is
 * about to block: when the lock's holder is itself blocked, without a
 * timeout, on a lock this thread holds (or on one held by a thread so
 * blocked, and so on back to this thread), the deadlock is certain now.
 * Reports it and returns 1 when deadlock_action=fail refuses the
 * acquisition (ends the process for abort); 0: block as usual. */
SS_HIDDEN int ss_deadlock_now(struct ss_lock_thread *t, const struct ss_lockop *op);
/* At thread exit: unmaps the check's copies (mapped at its first use). */
SS_HIDDEN void ss_deadlock_now_release(struct ss_lock_thread *t);

/* Adds the watchdog to the core's monitor (start-up), and starts the
 * monitor thread once a second thread exists (again in a forked child). */
SS_HIDDEN void ss_watchdog_init(void);
SS_HIDDEN void ss_watchdog_start(void);
#endif
