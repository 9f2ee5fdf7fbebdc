/* pthread_mutex_* hooks: the real call, with the checks of locks.c around it. */
#include <errno.h>
#include <pthread.h>

#include "syncsan/hooks.h"

#include "core/real.h"
#include "locks.h"
#include "mutex_op.h"

/* ss_mutex_op sets every field a hook owns; ss_lock_before sets the rest
 * before anything reads them. An acquisition also records whether the
 * mutex is process-shared (its held entry keeps it). */
static inline void mutex_op(struct ss_lockop *op, pthread_mutex_t *m, int acq,
                            const struct syncsan_site *site) {
  ss_mutex_op(op, m, SS_KIND_MUTEX, acq, site);
}

static inline void mutex_acquire_op(struct ss_lockop *op, pthread_mutex_t *m, int acq,
                                    const struct syncsan_site *site) {
  op->pshared = ss_mutex_pshared(ss_mutex_op(op, m, SS_KIND_MUTEX, acq, site));
}

SS_EXPORT int __syncsan_pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a,
                                           const struct syncsan_site *site) {
  int rc = SS_REAL(pthread_mutex_init)(m, a);
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (rc == 0 && !ss_in_hook()) {
    struct ss_lockop op;
    mutex_op(&op, m, SS_ACQ_BLOCKING, site);
    SS_NOTE_HOOK_PC();
    ss_lock_created(t, &op);
  }
  return rc;
}

SS_EXPORT int __syncsan_pthread_mutex_destroy(pthread_mutex_t *m,
                                              const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_mutex_destroy)(m);
  struct ss_lockop op;
  mutex_op(&op, m, SS_ACQ_BLOCKING, site);
  SS_NOTE_HOOK_PC();
  ss_lock_destroyed(t, &op);
  int rc = SS_REAL(pthread_mutex_destroy)(m);
  ss_lock_gone_end(&op, rc);
  return rc;
}

/* A robust mutex's EOWNERDEAD leaves it acquired. */
static inline int robust_acquired(int rc) { return rc == EOWNERDEAD ? 0 : rc; }

SS_EXPORT int __syncsan_pthread_mutex_lock(pthread_mutex_t *m,
                                           const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_mutex_lock)(m);
  /* The thread's first lock (locks.h): fop never leaves this branch. */
  if (SS_LIKELY(!t->nheld)) {
    struct ss_lockop fop;
    mutex_acquire_op(&fop, m, SS_ACQ_BLOCKING, site);
    if (SS_LIKELY(ss_lock_first_begin(t, &fop))) {
      uint64_t t0 = 0; /* the profile times only a contended acquire */
      int rc;
      if (SS_LIKELY(!ss_timing_on) ||
          (rc = SS_REAL(pthread_mutex_trylock)(m)) == EBUSY) {
        if (SS_UNLIKELY(ss_timing_on))
          t0 = ss_now_ns();
        rc = SS_REAL(pthread_mutex_lock)(m);
      }
      ss_lock_first_end(t, &fop, rc == EOWNERDEAD ? 0 : rc, t0); /* robust: acquired */
      if (SS_UNLIKELY(rc == EOWNERDEAD))
        ss_lock_owner_taken(fop.addr); /* the dead owner's hold ends here */
      return rc;
    }
  } else {
    /* A lock in a chain the thread has checked (locks.h). */
    struct ss_lockop cop;
    mutex_acquire_op(&cop, m, SS_ACQ_BLOCKING, site);
    SS_LOCK_CHAIN_PATH(t, cop, crc, SS_REAL(pthread_mutex_trylock)(m), SS_REAL(pthread_mutex_lock)(m),
                       EBUSY, robust_acquired, if (SS_UNLIKELY(crc == EOWNERDEAD))
                                                   ss_lock_owner_taken(cop.addr));
  }
  struct ss_lockop op;
  mutex_acquire_op(&op, m, SS_ACQ_BLOCKING, site);
  ss_lock_before(t, &op);
  if (SS_UNLIKELY(ss_lock_refused(t, &op)))
    return EDEADLK; /* deadlock_action=fail: a certain self-deadlock */
  /* A thread that holds locks tries the trylock first: only when the mutex
   * is taken does it look for a deadlock (ss_lock_contended), and block. */
  int rc;
  if (SS_LIKELY(!ss_lock_try_first(t))) {
    rc = SS_REAL(pthread_mutex_lock)(m);
  } else {
    rc = SS_REAL(pthread_mutex_trylock)(m);
    if (SS_UNLIKELY(rc == EBUSY)) {
      if (ss_lock_contended(t, &op))
        return EDEADLK; /* deadlock_action=fail: blocking would close a certain deadlock */
      rc = SS_REAL(pthread_mutex_lock)(m);
    }
  }
  ss_lock_after(t, &op, rc == EOWNERDEAD ? 0 : rc); /* robust: acquired all the same */
  if (SS_UNLIKELY(rc == EOWNERDEAD))
    ss_lock_owner_taken(op.addr); /* the dead owner's hold ends here */
  return rc;
}

SS_EXPORT int __syncsan_pthread_mutex_trylock(pthread_mutex_t *m,
                                              const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_mutex_trylock)(m);
  struct ss_lockop op;
  mutex_acquire_op(&op, m, SS_ACQ_TRY, site);
  ss_lock_before(t, &op);
  int rc = SS_REAL(pthread_mutex_trylock)(m);
  ss_lock_after(t, &op, rc == EOWNERDEAD ? 0 : rc); /* robust: acquired all the same */
  if (SS_UNLIKELY(rc == EOWNERDEAD))
    ss_lock_owner_taken(op.addr); /* the dead owner's hold ends here */
  return rc;
}

SS_EXPORT int __syncsan_pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *ts,
                                                const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_mutex_timedlock)(m, ts);
  struct ss_lockop op;
  mutex_acquire_op(&op, m, SS_ACQ_TIMED, site);
  ss_lock_before(t, &op);
  int rc = SS_REAL(pthread_mutex_timedlock)(m, ts);
  ss_lock_after(t, &op, rc == EOWNERDEAD ? 0 : rc); /* robust: acquired all the same */
  if (SS_UNLIKELY(rc == EOWNERDEAD))
    ss_lock_owner_taken(op.addr); /* the dead owner's hold ends here */
  return rc;
}

SS_EXPORT int __syncsan_pthread_mutex_unlock(pthread_mutex_t *m,
                                             const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_mutex_unlock)(m);
  if (SS_LIKELY(ss_unlock_top(t, (uintptr_t)m)))
    return SS_REAL(pthread_mutex_unlock)(m);
  struct ss_lockop op;
  mutex_op(&op, m, SS_ACQ_BLOCKING, site);
  ss_unlock_before(t, &op);
  return SS_REAL(pthread_mutex_unlock)(m);
}
