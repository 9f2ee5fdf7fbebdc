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

/* The wait's mode and lock kind follow from the site's operation, so the
 * fast path stores only what the watchdog cannot derive. Whether the wait
 * is bounded (a timed acquire) cannot be derived (a caller site names no
 * operation), so it travels in bit 0 of waiting_for: a lock object is at
 * least 4-byte aligned (the futex word under every lock kind must be).
 * `timed` is a constant in each hook, so this costs nothing. */
#define SS_WAIT_TIMED ((uintptr_t)1)

static SS_ALWAYS_INLINE void ss_wait_begin(struct ss_lock_thread *t, const struct ss_lockop *op,
                                           int timed) {
  t->wait_site = op->site;
  __atomic_store_n(&t->wait_seq, t->wait_seq + 1, __ATOMIC_RELAXED);
  __atomic_store_n(&t->waiting_for, op->addr | (timed ? SS_WAIT_TIMED : 0), __ATOMIC_RELEASE);
}

static SS_ALWAYS_INLINE void ss_wait_end(struct ss_lock_thread *t) {
  __atomic_store_n(&t->waiting_for, 0, __ATOMIC_RELAXED);
}

/* What deadlock_action (with abort_on_deadlock, lock_flags.def) asks for
 * after a certain self-deadlock or deadlock is reported. */
enum ss_deadlock_action { SS_DEADLOCK_ABORT, SS_DEADLOCK_HANG, SS_DEADLOCK_FAIL };
SS_HIDDEN enum ss_deadlock_action ss_deadlock_action(void);

/* Starts the watchdog once per process (again in a forked child). */
SS_HIDDEN void ss_watchdog_start(void);
/* In a forked child, where the watchdog thread does not exist. */
SS_HIDDEN void ss_watchdog_fork_child(void);
#endif
