/* pthread_spin_* hooks. A spinlock is a non-recursive lock with no error
 * checking: re-locking it spins forever, like a normal mutex blocks. */
#include <errno.h>
#include <pthread.h>

#include "syncsan/hooks.h"

#include "core/real.h"
#include "locks.h"

static void spin_op(struct ss_lockop *op, pthread_spinlock_t *s, int acq,
                    const struct syncsan_site *site) {
  *op = (struct ss_lockop){0};
  op->addr = (uintptr_t)s;
  op->site = ss_site(site);
  op->kind = SS_KIND_SPIN;
  op->mode = SS_MODE_WRITE;
  op->acq = (uint8_t)acq;
  op->recursive = 0;
  op->errorcheck = 0;
}

SS_EXPORT int __syncsan_pthread_spin_init(pthread_spinlock_t *s, int pshared,
                                          const struct syncsan_site *site) {
  int rc = SS_REAL(pthread_spin_init)(s, pshared);
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (rc == 0 && !ss_in_hook()) {
    struct ss_lockop op;
    spin_op(&op, s, SS_ACQ_BLOCKING, site);
    SS_NOTE_HOOK_PC();
    ss_lock_created(t, &op);
  }
  return rc;
}

SS_EXPORT int __syncsan_pthread_spin_destroy(pthread_spinlock_t *s,
                                             const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_spin_destroy)(s);
  struct ss_lockop op;
  spin_op(&op, s, SS_ACQ_BLOCKING, site);
  SS_NOTE_HOOK_PC();
  ss_lock_destroyed(t, &op);
  int rc = SS_REAL(pthread_spin_destroy)(s);
  ss_lock_gone_end(&op, rc);
  return rc;
}

static inline int spin_result(int rc) { return rc; }

SS_EXPORT int __syncsan_pthread_spin_lock(pthread_spinlock_t *s,
                                          const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_spin_lock)(s);
  /* The thread's first lock (locks.h): fop never leaves this branch. */
  if (SS_LIKELY(!t->nheld)) {
    struct ss_lockop fop;
    spin_op(&fop, s, SS_ACQ_BLOCKING, site);
    if (SS_LIKELY(ss_lock_first_begin(t, &fop))) {
      uint64_t t0 = 0; /* the profile times only a contended acquire */
      int rc;
      if (SS_LIKELY(!ss_timing_on) || (rc = SS_REAL(pthread_spin_trylock)(s)) == EBUSY) {
        if (SS_UNLIKELY(ss_timing_on))
          t0 = ss_now_ns();
        rc = SS_REAL(pthread_spin_lock)(s);
      }
      ss_lock_first_end(t, &fop, rc, t0);
      return rc;
    }
  } else {
    /* A lock in a chain the thread has checked (locks.h). */
    struct ss_lockop cop;
    spin_op(&cop, s, SS_ACQ_BLOCKING, site);
    SS_LOCK_CHAIN_PATH(t, cop, crc, SS_REAL(pthread_spin_trylock)(s), SS_REAL(pthread_spin_lock)(s),
                       EBUSY, spin_result, (void)0);
  }
  struct ss_lockop op;
  spin_op(&op, s, SS_ACQ_BLOCKING, site);
  ss_lock_before(t, &op);
  /* deadlock_action=fail: a certain self-deadlock. POSIX lets
   * pthread_spin_lock fail with EDEADLK when the thread holds the lock. */
  if (SS_UNLIKELY(ss_lock_refused(t, &op)))
    return EDEADLK;
  /* A thread that holds locks tries the trylock first, and looks for a
   * deadlock only when it is about to spin (ss_deadlock_now never refuses
   * a spinlock: it is left to spin). */
  int rc;
  if (SS_LIKELY(!ss_lock_try_first(t))) {
    rc = SS_REAL(pthread_spin_lock)(s);
  } else {
    rc = SS_REAL(pthread_spin_trylock)(s);
    if (SS_UNLIKELY(rc == EBUSY)) {
      ss_lock_contended(t, &op);
      rc = SS_REAL(pthread_spin_lock)(s);
    }
  }
  ss_lock_after(t, &op, rc);
  return rc;
}

SS_EXPORT int __syncsan_pthread_spin_trylock(pthread_spinlock_t *s,
                                             const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_spin_trylock)(s);
  struct ss_lockop op;
  spin_op(&op, s, SS_ACQ_TRY, site);
  ss_lock_before(t, &op);
  int rc = SS_REAL(pthread_spin_trylock)(s);
  ss_lock_after(t, &op, rc);
  return rc;
}

SS_EXPORT int __syncsan_pthread_spin_unlock(pthread_spinlock_t *s,
                                            const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_spin_unlock)(s);
  if (SS_LIKELY(ss_unlock_top(t, (uintptr_t)s)))
    return SS_REAL(pthread_spin_unlock)(s);
  struct ss_lockop op;
  spin_op(&op, s, SS_ACQ_BLOCKING, site);
  ss_unlock_before(t, &op);
  return SS_REAL(pthread_spin_unlock)(s);
}
