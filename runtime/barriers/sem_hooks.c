/* The POSIX semaphore hooks: sem_init, sem_destroy, sem_wait,
 * sem_timedwait, sem_clockwait, sem_trywait, sem_post (rows of
 * <syncsan/intercept.h>), and what the sem_open and sem_close interposers
 * call (__syncsan_sem_opened, __syncsan_sem_closing in <syncsan/hooks.h>).
 *
 * Each hook makes the real call once, with its arguments, and returns its
 * result with the errno it left: the bookkeeping around it saves and
 * restores errno, since a sem_wait interrupted by a signal handler returns
 * -1 with EINTR and the program's retry loop reads it.
 *
 * A wait first tries the real sem_trywait: one that succeeds is the whole
 * wait (glibc's sem_wait does the same before it blocks, after acting on a
 * pending cancellation, which the hook does first as well), counted in one
 * critical section. Only one that finds the value 0 publishes a blocking
 * wait (ss_block_begin, and a count of blocked waiters in the record) and
 * makes the real blocking call. A timed wait with an invalid timeout or
 * clock goes straight to the real call, which refuses it (EINVAL) before
 * taking a unit, as glibc checks those first. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "syncsan/hooks.h"

#include "sem_misuse.h"
#include "sem_table.h"
#include "sem_thread.h"
#include "core/monitor.h"
#include "core/real.h"
#include "core/thread.h"

/* Before a wait, post or destroy: a semaphore that is not live is a
 * report. Inline, so that the hook's return address noted for the report
 * is the hook's. */
#define CHECK_LIVE(t, s, site, what, adopt)                                                   \
  do {                                                                                     \
    enum ss_sem_state state_ = (s) ? ss_sem_state((uintptr_t)(s)) : SS_SEM_UNKNOWN;        \
    if (SS_UNLIKELY(state_ != SS_SEM_LIVE)) {                                              \
      SS_NOTE_HOOK_PC();                                                                   \
      ss_sem_not_live((t)->tid, (s), state_, (site), (what), (adopt));                     \
    }                                                                                      \
  } while (0)

/* ---- waits ---- */

enum wait_kind { WAIT_UNTIMED, WAIT_TIMED, WAIT_CLOCK };

struct blocked_wait {
  sem_t *s;
  struct ss_sem_ticket tk;
};

/* A thread cancelled in the real wait unwinds through the hook (glibc
 * runs the cleanup handlers it passes, cond_hooks.c says how): the wait
 * ends here then. */
static void wait_cancelled(void *arg) {
  struct blocked_wait *b = arg;
  ss_block_end();
  ss_sem_block_end(b->tk, (uintptr_t)b->s, 0);
}

static int blocking_wait(sem_t *s, enum wait_kind kind, clockid_t clock,
                         const struct timespec *ts, const struct syncsan_site *site,
                         int saved_errno) {
  struct blocked_wait b = {s, ss_sem_block_begin((uintptr_t)s)};
  ss_sem_thread_note(&b.tk);
  ss_block_begin(SS_BLOCK_SEM | (kind != WAIT_UNTIMED ? SS_BLOCK_TIMED : 0), (uintptr_t)s,
                 ss_site(site));
  ss_monitor_start();
  int rc = 0, err = 0;
  pthread_cleanup_push(wait_cancelled, &b);
  errno = saved_errno;
  switch (kind) {
  case WAIT_UNTIMED:
    rc = SS_REAL(sem_wait)(s);
    break;
  case WAIT_TIMED:
    rc = SS_REAL(sem_timedwait)(s, ts);
    break;
  case WAIT_CLOCK:
    rc = SS_REAL(sem_clockwait)(s, clock, ts);
    break;
  }
  err = errno;
  pthread_cleanup_pop(0);
  ss_block_end();
  ss_sem_block_end(b.tk, (uintptr_t)s, rc == 0);
  errno = err;
  return rc;
}

/* The wait's fast path: the real sem_trywait, after the program's own
 * errno, a unit it takes counted. Its result. */
static SS_ALWAYS_INLINE int try_take(sem_t *s, int saved_errno) {
  errno = saved_errno;
  int rc = SS_REAL(sem_trywait)(s);
  if (rc == 0) {
    ss_sem_waited((uintptr_t)s);
    errno = saved_errno;
  }
  return rc;
}

static int valid_timeout(const struct timespec *ts) {
  return ts && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L;
}

SS_EXPORT int __syncsan_sem_wait(sem_t *s, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(sem_wait)(s);
  int saved = errno;
  struct ss_thread *t = ss_thread_get();
  CHECK_LIVE(t, s, site, "waits on", 1);
  pthread_testcancel();
  if (try_take(s, saved) == 0)
    return 0;
  return blocking_wait(s, WAIT_UNTIMED, 0, NULL, site, saved);
}

/* The real timed wait of kind (WAIT_TIMED or WAIT_CLOCK). */
static int real_timed_wait(sem_t *s, enum wait_kind kind, clockid_t clock,
                           const struct timespec *ts) {
  return kind == WAIT_CLOCK ? SS_REAL(sem_clockwait)(s, clock, ts) : SS_REAL(sem_timedwait)(s, ts);
}

/* sem_timedwait and sem_clockwait. A timeout or clock the real call
 * refuses (EINVAL) only when it has to block is passed through unchecked
 * as a wait: it may still take a unit at once. */
static SS_ALWAYS_INLINE int timed_wait(sem_t *s, enum wait_kind kind, clockid_t clock,
                                       const struct timespec *ts,
                                       const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return real_timed_wait(s, kind, clock, ts);
  int saved = errno;
  struct ss_thread *t = ss_thread_get();
  CHECK_LIVE(t, s, site, "waits on", 1);
  if (!valid_timeout(ts) ||
      (kind == WAIT_CLOCK && clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)) {
    errno = saved;
    int rc = real_timed_wait(s, kind, clock, ts);
    if (rc == 0) {
      int err = errno;
      ss_sem_waited((uintptr_t)s);
      errno = err;
    }
    return rc;
  }
  pthread_testcancel();
  if (try_take(s, saved) == 0)
    return 0;
  return blocking_wait(s, kind, clock, ts, site, saved);
}

SS_EXPORT int __syncsan_sem_timedwait(sem_t *s, const struct timespec *ts,
                                      const struct syncsan_site *site) {
  return timed_wait(s, WAIT_TIMED, CLOCK_REALTIME, ts, site);
}

SS_EXPORT int __syncsan_sem_clockwait(sem_t *s, clockid_t clock, const struct timespec *ts,
                                      const struct syncsan_site *site) {
  return timed_wait(s, WAIT_CLOCK, clock, ts, site);
}

SS_EXPORT int __syncsan_sem_trywait(sem_t *s, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(sem_trywait)(s);
  int saved = errno;
  struct ss_thread *t = ss_thread_get();
  CHECK_LIVE(t, s, site, "waits on", 1);
  return try_take(s, saved);
}

/* ---- posts ---- */

SS_EXPORT int __syncsan_sem_post(sem_t *s, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(sem_post)(s);
  int saved = errno;
  struct ss_thread *t = ss_thread_get();
  CHECK_LIVE(t, s, site, "posts", 1);
  /* Counted before the real post, so that a waiter it wakes never finds
   * more waits than posts. */
  struct ss_sem_rec *r = ss_sem_post((uintptr_t)s, t->tid, ss_site(site), 1);
  errno = saved;
  int rc = SS_REAL(sem_post)(s);
  if (SS_UNLIKELY(rc != 0) && r) {
    int err = errno;
    ss_sem_post_failed(r, (uintptr_t)s);
    errno = err;
  }
  return rc;
}

/* ---- life ---- */

SS_EXPORT int __syncsan_sem_init(sem_t *s, int pshared, unsigned value,
                                 const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(sem_init)(s, pshared, value);
  struct ss_thread *t = ss_thread_get();
  int rc = SS_REAL(sem_init)(s, pshared, value);
  if (rc == 0) {
    int err = errno;
    SS_NOTE_HOOK_PC();
    site = ss_site(site);
    struct ss_sem_info prev;
    ss_sem_created((uintptr_t)s, value, pshared, SS_SEM_BY_INIT, ss_site_object(site), site,
                   &prev);
    if (prev.state == SS_SEM_LIVE && prev.blocked)
      ss_sem_report_in_use(t->tid, (uintptr_t)s, &prev, site, "re-initialises");
    errno = err;
  }
  return rc;
}

SS_EXPORT int __syncsan_sem_destroy(sem_t *s, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(sem_destroy)(s);
  int saved = errno;
  struct ss_thread *t = ss_thread_get();
  CHECK_LIVE(t, s, site, "destroys", 0);
  if (s) {
    SS_NOTE_HOOK_PC();
    struct ss_sem_info prev;
    ss_sem_ended((uintptr_t)s, 0, ss_site(site), &prev);
    if (prev.state == SS_SEM_LIVE && prev.blocked)
      ss_sem_report_in_use(t->tid, (uintptr_t)s, &prev, site, "destroys");
  }
  errno = saved;
  return SS_REAL(sem_destroy)(s);
}

SS_EXPORT void __syncsan_sem_opened(sem_t *s, const struct syncsan_site *site) {
  ss_thread_get();
  int value = 0;
  if (sem_getvalue(s, &value) != 0 || value < 0)
    value = 0;
  struct ss_sem_info prev;
  /* Shared: another process may open the same name and post it. */
  ss_sem_created((uintptr_t)s, (unsigned)value, 1, SS_SEM_BY_OPEN, NULL, site, &prev);
}

SS_EXPORT void __syncsan_sem_closing(sem_t *s, const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  CHECK_LIVE(t, s, site, "closes", 0);
  if (!s)
    return;
  struct ss_sem_info prev;
  ss_sem_ended((uintptr_t)s, 1, site, &prev);
  if (prev.state == SS_SEM_LIVE && prev.blocked)
    ss_sem_report_in_use(t->tid, (uintptr_t)s, &prev, site, "closes");
}
