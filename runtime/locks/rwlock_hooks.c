/* pthread_rwlock_* hooks: the real call, with the checks of locks.c around
 * it. Read acquisitions are SS_MODE_READ, so a read of a lock the thread
 * reads already is a recursive read and any other re-acquisition is a
 * double-lock. */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "syncsan/hooks.h"

#include "core/real.h"
#include "core/report.h"
#include "lock_table.h"
#include "locks.h"

static void rw_op(struct ss_lockop *op, struct ss_lock_thread *t, pthread_rwlock_t *rw, int mode,
                  int acq, const struct syncsan_site *site) {
  *op = (struct ss_lockop){0};
  op->addr = (uintptr_t)rw;
  op->site = ss_site(site);
  op->kind = SS_KIND_RWLOCK;
  op->mode = (uint16_t)mode;
  op->acq = (uint8_t)acq;
  op->recursive = 0;
  op->errorcheck = 0;
#if defined(__GLIBC__)
  /* glibc records the writer's tid and fails any lock by the writer itself
   * with EDEADLK; only a write lock over the thread's own read lock hangs. */
  if (SS_UNLIKELY(t->nheld)) {
    struct ss_held *h = ss_held_find(t, op->addr);
    op->errorcheck = h && h->mode == SS_MODE_WRITE;
  }
#else
  (void)t;
#endif
}

SS_EXPORT int __syncsan_pthread_rwlock_init(pthread_rwlock_t *rw,
                                            const pthread_rwlockattr_t *a,
                                            const struct syncsan_site *site) {
  int rc = SS_REAL(pthread_rwlock_init)(rw, a);
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (rc == 0 && !ss_in_hook()) {
    struct ss_lockop op;
    rw_op(&op, t, rw, SS_MODE_WRITE, SS_ACQ_BLOCKING, site);
    SS_NOTE_HOOK_PC();
    ss_lock_created(t, &op);
  }
  return rc;
}

SS_EXPORT int __syncsan_pthread_rwlock_destroy(pthread_rwlock_t *rw,
                                               const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_rwlock_destroy)(rw);
  struct ss_lockop op;
  rw_op(&op, t, rw, SS_MODE_WRITE, SS_ACQ_BLOCKING, site);
  SS_NOTE_HOOK_PC();
  ss_lock_destroyed(t, &op);
  int rc = SS_REAL(pthread_rwlock_destroy)(rw);
  ss_lock_gone_end(&op, rc);
  return rc;
}

/* Process-shared (PTHREAD_PROCESS_SHARED): only acquisitions need it, for
 * the held entry. */
static inline uint8_t rw_pshared(const pthread_rwlock_t *rw) {
#if defined(__GLIBC__)
  return __atomic_load_n(&rw->__data.__shared, __ATOMIC_RELAXED) ? SS_HELD_PSHARED : 0;
#else
  (void)rw;
  return 0;
#endif
}

static inline int rw_result(int rc) { return rc; }

/* One acquire: checks, the real call (passed in as an expression), and the
 * bookkeeping of its real result. A blocking acquire by a thread that
 * holds locks tries `trycall` (the real trylock in the same mode) first;
 * only when the lock is taken does the thread look for a deadlock
 * (ss_lock_contended), and then block in `call`. */
#define RW_ACQUIRE(mode, acq, trycall, call)                                               \
  do {                                                                                     \
    struct ss_lock_thread *t = ss_lock_thread_get();                                       \
    if (SS_UNLIKELY(ss_in_hook()))                                                         \
      return call;                                                                         \
    /* The thread's first lock (locks.h): fop never leaves this branch. */                 \
    if ((acq) == SS_ACQ_BLOCKING && SS_LIKELY(!t->nheld)) {                                \
      struct ss_lockop fop;                                                                \
      rw_op(&fop, t, rw, mode, acq, site);                                                 \
      fop.pshared = rw_pshared(rw);                                                        \
      if (SS_LIKELY(ss_lock_first_begin(t, &fop))) {                                       \
        uint64_t t0 = 0; /* the profile times only a contended acquire */                  \
        int frc;                                                                           \
        if (SS_LIKELY(!ss_timing_on) || (frc = trycall) == EBUSY) {                        \
          if (SS_UNLIKELY(ss_timing_on))                                                   \
            t0 = ss_now_ns();                                                              \
          frc = call;                                                                      \
        }                                                                                  \
        ss_lock_first_end(t, &fop, frc, t0);                                               \
        return frc;                                                                        \
      }                                                                                    \
    } else if ((acq) == SS_ACQ_BLOCKING) {                                                 \
      /* A lock in a chain the thread has checked (locks.h). */                            \
      struct ss_lockop cop;                                                                \
      rw_op(&cop, t, rw, mode, acq, site);                                                 \
      cop.pshared = rw_pshared(rw);                                                        \
      SS_LOCK_CHAIN_PATH(t, cop, crc, trycall, call, EBUSY, rw_result, (void)0);           \
    }                                                                                      \
    struct ss_lockop op;                                                                   \
    rw_op(&op, t, rw, mode, acq, site);                                                    \
    op.pshared = rw_pshared(rw);                                                           \
    ss_lock_before(t, &op);                                                                \
    /* deadlock_action=fail (acq is a constant: folded away elsewhere). */                 \
    if ((acq) == SS_ACQ_BLOCKING && SS_UNLIKELY(ss_lock_refused(t, &op)))                  \
      return EDEADLK;                                                                      \
    int rc;                                                                                \
    if ((acq) == SS_ACQ_BLOCKING && ss_lock_try_first(t)) {                                \
      rc = trycall;                                                                        \
      if (SS_UNLIKELY(rc == EBUSY)) {                                                      \
        if (ss_lock_contended(t, &op))                                                     \
          return EDEADLK; /* fail: blocking would close a certain deadlock */              \
        rc = call;                                                                         \
      }                                                                                    \
    } else {                                                                               \
      rc = call;                                                                           \
    }                                                                                      \
    ss_lock_after(t, &op, rc);                                                             \
    return rc;                                                                             \
  } while (0)

SS_EXPORT int __syncsan_pthread_rwlock_rdlock(pthread_rwlock_t *rw,
                                              const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_READ, SS_ACQ_BLOCKING, SS_REAL(pthread_rwlock_tryrdlock)(rw),
             SS_REAL(pthread_rwlock_rdlock)(rw));
}

SS_EXPORT int __syncsan_pthread_rwlock_tryrdlock(pthread_rwlock_t *rw,
                                                 const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_READ, SS_ACQ_TRY, 0, SS_REAL(pthread_rwlock_tryrdlock)(rw));
}

SS_EXPORT int __syncsan_pthread_rwlock_timedrdlock(pthread_rwlock_t *rw,
                                                   const struct timespec *ts,
                                                   const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_READ, SS_ACQ_TIMED, 0, SS_REAL(pthread_rwlock_timedrdlock)(rw, ts));
}

SS_EXPORT int __syncsan_pthread_rwlock_clockrdlock(pthread_rwlock_t *rw, clockid_t clock,
                                                   const struct timespec *ts,
                                                   const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_READ, SS_ACQ_TIMED, 0, SS_REAL(pthread_rwlock_clockrdlock)(rw, clock, ts));
}

SS_EXPORT int __syncsan_pthread_rwlock_wrlock(pthread_rwlock_t *rw,
                                              const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_WRITE, SS_ACQ_BLOCKING, SS_REAL(pthread_rwlock_trywrlock)(rw),
             SS_REAL(pthread_rwlock_wrlock)(rw));
}

SS_EXPORT int __syncsan_pthread_rwlock_trywrlock(pthread_rwlock_t *rw,
                                                 const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_WRITE, SS_ACQ_TRY, 0, SS_REAL(pthread_rwlock_trywrlock)(rw));
}

SS_EXPORT int __syncsan_pthread_rwlock_timedwrlock(pthread_rwlock_t *rw,
                                                   const struct timespec *ts,
                                                   const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_WRITE, SS_ACQ_TIMED, 0, SS_REAL(pthread_rwlock_timedwrlock)(rw, ts));
}

SS_EXPORT int __syncsan_pthread_rwlock_clockwrlock(pthread_rwlock_t *rw, clockid_t clock,
                                                   const struct timespec *ts,
                                                   const struct syncsan_site *site) {
  RW_ACQUIRE(SS_MODE_WRITE, SS_ACQ_TIMED, 0, SS_REAL(pthread_rwlock_clockwrlock)(rw, clock, ts));
}

/* unlock-wrong-thread for an rwlock, which says the holder's mode: with one
 * unlock call for both sides, what the release does depends on it. glibc
 * takes an unlock by any thread but the writer for a read release, so it
 * removes a share the holding reader still counts on (a writer may enter
 * beside it), or, against a writer, decrements a reader count that is not
 * there. Returns 0 if no other thread holds the lock (the caller's
 * ordinary path then reports unlock-not-held). Keyed as the generic
 * report, so one problem is reported once whichever path sees it. */
SS_COLD static int rw_unlock_other(struct ss_lock_thread *t, const struct ss_lockop *op) {
  uint32_t holder;
  const struct syncsan_site *held_at;
  ss_stack_id held_stack = 0;
  int mode;
  if (!ss_thread_find_holder_mode(op->addr, &holder, &held_at, &held_stack, &mode))
    return 0;
  ss_lock_lookup(op->addr, op->kind, op->site, NULL);
  struct ss_lock l;
  const char *names[2] = {ss_lock_snapshot(op->addr, &l) && l.name ? l.name
                                                                   : ss_site_object(op->site),
                          NULL};
  struct ss_report *r = ss_report_begin_names("unlock-wrong-thread", SS_SEV_ERROR, op->site,
                                              names, (uintptr_t)op->site, op->addr);
  if (!r)
    return 1;
  int reads = mode == SS_MODE_READ;
  const char *how = reads ? "reading" : "writing";
  char label[200];
  ss_lock_label(op->addr, op->kind, op->site, label, sizeof(label));
  ss_report_headline(r, "thread T%u releases %s, which thread T%u holds for %s", t->tid, label,
                     holder, how);
  ss_report_section_here(r, op->site, "Release by thread T%u", t->tid);
  ss_report_section_stack(r, held_at, held_stack, "Acquired by thread T%u, still held", holder);
  if (reads)
    ss_buf_printf(&r->notes,
                  "  The release takes away a read share that thread T%u still counts on: a "
                  "writer can enter while it reads.\n",
                  holder);
  else
    ss_buf_printf(&r->notes,
                  "  Thread T%u holds the write lock: glibc takes a release by any other "
                  "thread for a read release, which corrupts the lock's reader count.\n",
                  holder);
  ss_report_lock_origin(r, op->addr);
  ss_report_thread(r, t->tid);
  ss_report_thread(r, holder);
  ss_report_end(r);
  return 1;
}

SS_EXPORT int __syncsan_pthread_rwlock_unlock(pthread_rwlock_t *rw,
                                              const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_rwlock_unlock)(rw);
  if (SS_LIKELY(ss_unlock_top(t, (uintptr_t)rw)))
    return SS_REAL(pthread_rwlock_unlock)(rw);
  struct ss_lockop op;
  /* One unlock call releases either side: the held entry knows which. */
  rw_op(&op, t, rw, SS_MODE_WRITE, SS_ACQ_BLOCKING, site);
  /* Not held by this thread (and its stack is complete, so that is
   * certain): a release of another thread's lock is reported here, with
   * the holder's mode; anything else takes the ordinary path. */
  if (SS_UNLIKELY(!t->nlost && !ss_held_find(t, op.addr))) {
    op.site = ss_site(op.site);
    ss_enter_runtime();
    SS_NOTE_HOOK_PC();
    int other = rw_unlock_other(t, &op);
    ss_leave_runtime();
    if (other)
      return SS_REAL(pthread_rwlock_unlock)(rw);
  }
  ss_unlock_before(t, &op);
  return SS_REAL(pthread_rwlock_unlock)(rw);
}
