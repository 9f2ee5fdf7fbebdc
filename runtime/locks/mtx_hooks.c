/* C11 mtx_* hooks. mtx_recursive mutexes may be re-locked by their owner;
 * plain and timed ones hang when re-locked, like a normal pthread mutex. */
#include <threads.h>

#include "syncsan/hooks.h"

#include "core/real.h"
#include "mutex_op.h"

SS_EXPORT int __syncsan_mtx_init(mtx_t *m, int type, const struct syncsan_site *site) {
  int rc = SS_REAL(mtx_init)(m, type);
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (rc == thrd_success && !ss_in_hook()) {
    struct ss_lockop op;
    ss_mutex_op(&op, m, SS_KIND_MTX, SS_ACQ_BLOCKING, ss_site(site));
    SS_NOTE_HOOK_PC();
    ss_lock_created(t, &op);
  }
  return rc;
}

SS_EXPORT void __syncsan_mtx_destroy(mtx_t *m, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook())) {
    SS_REAL(mtx_destroy)(m);
    return;
  }
  struct ss_lockop op;
  ss_mutex_op(&op, m, SS_KIND_MTX, SS_ACQ_BLOCKING, ss_site(site));
  SS_NOTE_HOOK_PC();
  ss_lock_destroyed(t, &op);
  SS_REAL(mtx_destroy)(m);
  ss_lock_gone_end(&op, 0);
}

/* thrd_success is the only result that leaves the mutex held. */
static int acquired(int rc) { return rc == thrd_success ? 0 : rc ? rc : -1; }

SS_EXPORT int __syncsan_mtx_lock(mtx_t *m, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mtx_lock)(m);
  /* The thread's first lock (locks.h): fop never leaves this branch. */
  if (SS_LIKELY(!t->nheld)) {
    struct ss_lockop fop;
    ss_mutex_op(&fop, m, SS_KIND_MTX, SS_ACQ_BLOCKING, ss_site(site));
    if (SS_LIKELY(ss_lock_first_begin(t, &fop))) {
      uint64_t t0 = 0; /* the profile times only a contended acquire */
      int rc;
      if (SS_LIKELY(!ss_timing_on) || (rc = SS_REAL(mtx_trylock)(m)) == thrd_busy) {
        if (SS_UNLIKELY(ss_timing_on))
          t0 = ss_now_ns();
        rc = SS_REAL(mtx_lock)(m);
      }
      ss_lock_first_end(t, &fop, acquired(rc), t0);
      return rc;
    }
  } else {
    /* A lock in a chain the thread has checked (locks.h). */
    struct ss_lockop cop;
    ss_mutex_op(&cop, m, SS_KIND_MTX, SS_ACQ_BLOCKING, ss_site(site));
    SS_LOCK_CHAIN_PATH(t, cop, crc, SS_REAL(mtx_trylock)(m), SS_REAL(mtx_lock)(m), thrd_busy,
                       acquired, (void)0);
  }
  struct ss_lockop op;
  ss_mutex_op(&op, m, SS_KIND_MTX, SS_ACQ_BLOCKING, ss_site(site));
  ss_lock_before(t, &op);
  if (SS_UNLIKELY(ss_lock_refused(t, &op)))
    return thrd_error; /* deadlock_action=fail: a certain self-deadlock */
  /* As for pthread_mutex_lock: a thread that holds locks tries the trylock
   * first, and looks for a deadlock only when it is about to block. */
  int rc;
  if (SS_LIKELY(!ss_lock_try_first(t))) {
    rc = SS_REAL(mtx_lock)(m);
  } else {
    rc = SS_REAL(mtx_trylock)(m);
    if (SS_UNLIKELY(rc == thrd_busy)) {
      if (ss_lock_contended(t, &op))
        return thrd_error; /* deadlock_action=fail: blocking would close a certain deadlock */
      rc = SS_REAL(mtx_lock)(m);
    }
  }
  ss_lock_after(t, &op, acquired(rc));
  return rc;
}

SS_EXPORT int __syncsan_mtx_trylock(mtx_t *m, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mtx_trylock)(m);
  struct ss_lockop op;
  ss_mutex_op(&op, m, SS_KIND_MTX, SS_ACQ_TRY, ss_site(site));
  ss_lock_before(t, &op);
  int rc = SS_REAL(mtx_trylock)(m);
  ss_lock_after(t, &op, acquired(rc));
  return rc;
}

SS_EXPORT int __syncsan_mtx_timedlock(mtx_t *restrict m, const struct timespec *restrict ts,
                                      const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mtx_timedlock)(m, ts);
  struct ss_lockop op;
  ss_mutex_op(&op, m, SS_KIND_MTX, SS_ACQ_TIMED, ss_site(site));
  ss_lock_before(t, &op);
  int rc = SS_REAL(mtx_timedlock)(m, ts);
  ss_lock_after(t, &op, acquired(rc));
  return rc;
}

SS_EXPORT int __syncsan_mtx_unlock(mtx_t *m, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(mtx_unlock)(m);
  if (SS_LIKELY(ss_unlock_top(t, (uintptr_t)m)))
    return SS_REAL(mtx_unlock)(m);
  struct ss_lockop op;
  ss_mutex_op(&op, m, SS_KIND_MTX, SS_ACQ_BLOCKING, ss_site(site));
  ss_unlock_before(t, &op);
  return SS_REAL(mtx_unlock)(m);
}
