/* One thread's wait and held locks as the deadlock checks see them: the
 * watchdog's periodic scan and the check a blocking acquire makes when it
 * finds its lock taken (deadlock_now.c) both copy threads into these and
 * follow wait-for edges through the copies, and both report a cycle with
 * the same report (deadlock_report.c), so that each is said once. */
#ifndef SYNCSAN_DEADLOCK_SNAP_H
#define SYNCSAN_DEADLOCK_SNAP_H
#include "lock_thread.h"

#define SS_SNAP_HELD 16

struct ss_wait_snap {
  uint32_t tid, slot;
  uintptr_t waiting_for; /* the lock, flag bits cleared; 0 none */
  uint32_t wait_seq, wait_mode, wait_kind;
  uint32_t timed; /* a timed acquire: the wait ends by itself */
  const struct syncsan_site *wait_site;
  /* A condvar wait (lock_thread.h): the condvar, 0 none. */
  uintptr_t cond, cond_mutex;
  uint32_t cond_timed, cond_id, cond_signals, cond_seq, cond_mutex_kind;
  const struct syncsan_site *cond_site;
  /* Set by the watchdog: an unbounded condvar wait signalled since it
   * began, which may be re-acquiring its mutex: a wait for that mutex. */
  uint32_t cond_reacquire;
  /* A join (core/thread.h): the joined thread's tid + 1, 0 none; timed
   * unless its site is an unbounded join's. */
  uint32_t joining, join_seq, join_timed;
  const struct syncsan_site *join_site;
  /* Another family's unbounded wait (core/thread.h's block note, a
   * semaphore's) that nothing has been done to end since it began
   * (ss_thread_block_unwoken); block_obj 0 otherwise. */
  uintptr_t block_obj;
  uint32_t block_seq;
  const struct syncsan_site *block_site;
  uint32_t nheld;
  struct {
    uintptr_t addr;
    uint32_t mode, kind, gen;
    const struct syncsan_site *site;
    ss_stack_id stack;
  } held[SS_SNAP_HELD];
};

/* The wait a copy shows, with its object (lock, condvar, joined tid + 1)
 * and sequence number: a wait the watchdog sees unchanged across scans
 * has lasted. A thread in a lock wait inside a signal handler that
 * interrupted a condvar wait shows the lock wait. */
enum ss_wait_kind { SS_WAIT_NONE, SS_WAIT_LOCK, SS_WAIT_COND, SS_WAIT_JOIN, SS_WAIT_BLOCK };
static inline uint32_t ss_wait_snap_kind(const struct ss_wait_snap *s, uintptr_t *obj,
                                         uint32_t *seq) {
  if (s->waiting_for) {
    *obj = s->waiting_for;
    *seq = s->wait_seq;
    return SS_WAIT_LOCK;
  }
  if (s->cond) {
    *obj = s->cond;
    *seq = s->cond_seq;
    return SS_WAIT_COND;
  }
  if (s->joining) {
    *obj = s->joining;
    *seq = s->join_seq;
    return SS_WAIT_JOIN;
  }
  if (s->block_obj) {
    *obj = s->block_obj;
    *seq = s->block_seq;
    return SS_WAIT_BLOCK;
  }
  *obj = 0;
  *seq = 0;
  return SS_WAIT_NONE;
}

/* Whether the wait that makes s's wait-for edge has a timeout. */
static inline int ss_wait_snap_timed(const struct ss_wait_snap *s) {
  if (s->waiting_for)
    return s->timed != 0;
  if (s->cond_reacquire)
    return s->cond_timed != 0;
  return s->join_timed != 0;
}

/* Copies t (under the registry lock: ss_lock_threads_foreach). The wait is
 * read before the held stack: once the wait is one that cannot end, the
 * stack read after it is the one the thread keeps. */
SS_HIDDEN void ss_wait_snap_take(struct ss_lock_thread *t, uint32_t slot, struct ss_wait_snap *s);
/* Whether s holds addr in a mode that a wait in `mode` conflicts with (a
 * held entry of an earlier incarnation of the lock does not count). Looks
 * at the lock table: call it outside the registry lock. */
SS_HIDDEN int ss_wait_snap_blocks(const struct ss_wait_snap *s, uintptr_t addr, uint32_t mode);

/* Reports the wait-for cycle cyc[0] -> cyc[1] -> ... -> cyc[0] (each waits
 * for a lock the next holds); waited_ms is how long the youngest wait has
 * lasted, `found_by` the tid + 1 of the thread whose acquire closed the
 * cycle when the check at blocking time found it (0: the watchdog). The
 * key depends on the threads and their waits only, so the watchdog finds
 * an immediate report's cycle already said. Returns 0 when nothing was
 * printed (said before, or suppressed). */
SS_HIDDEN int ss_deadlock_report(const struct ss_wait_snap *const *cyc, uint32_t n,
                                 uint64_t waited_ms, uint32_t found_by);
/* The "T<n> holds ..." sections of copy s in a deadlock report r. */
struct ss_report;
SS_HIDDEN void ss_deadlock_report_held(struct ss_report *r, const struct ss_wait_snap *s);
/* The watchdog's end of a certain deadlock it reported: deadlock_action
 * (deadlock.c). */
SS_HIDDEN void ss_deadlock_watchdog_act(void);

/* The watchdog found condvar waiters stuck past the timeout (stuck[i]: in
 * the same wait throughout). Reports a deadlock when every thread of the
 * process is stuck in a wait that only another stuck thread could end,
 * one of them on a condvar no one has signalled since its wait began; and
 * returns 1 then (deadlock_all.c). waited_ms: the youngest wait's age. */
SS_HIDDEN int ss_deadlock_all_blocked(const struct ss_wait_snap *snaps, uint32_t n,
                                      const int *stuck, uint64_t waited_ms);
#endif
