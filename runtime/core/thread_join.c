/* The join hooks: pthread_join, its GNU try, timed and clock variants, and
 * thrd_join. No family: a join orders threads, which every family may ask
 * about (happens_before.h). */
#include <errno.h>
#include <pthread.h>
#include <threads.h>

#include "syncsan/hooks.h"

#include "happens_before.h"
#include "join.h"
#include "real.h"
#include "thread.h"

SS_HIDDEN void ss_join_begin(struct ss_join *j, pthread_t th, const struct syncsan_site *site,
                             int blocks) {
  j->th = th;
  j->found = ss_thread_find(th, &j->tid, &j->slot);
  j->waiting = blocks && j->found;
  if (j->waiting)
    ss_join_wait_begin(j->tid, ss_site(site));
}

SS_HIDDEN void ss_join_end(struct ss_join *j, int joined) {
  if (j->waiting)
    ss_join_wait_end();
  j->waiting = 0;
  if (!joined)
    return;
  /* A thread that had not registered when the join began has now: it ran
   * to its end. */
  if (!j->found || j->slot == UINT32_MAX)
    j->found = ss_thread_find(j->th, &j->tid, &j->slot);
  if (j->found) {
    ss_thread_reaped(j->tid, j->slot);
    ss_hb_joined(j->tid, j->slot);
  }
}

/* A join is a cancellation point: a joiner cancelled in it unwinds through
 * the hook (glibc's forced unwinding runs pthread_cleanup_push handlers)
 * and has joined nothing. */
static void join_cancelled(void *j) { ss_join_end(j, 0); }

/* Joining oneself fails at once (EDEADLK), and a thread inside the
 * runtime performs the real operation only (thread.h, re-entry). */
static int unchecked(pthread_t th) {
  ss_thread_get();
  return SS_UNLIKELY(ss_in_hook()) || pthread_equal(th, pthread_self());
}

#define BLOCKING_JOIN(j, call)                                                             \
  do {                                                                                     \
    pthread_cleanup_push(join_cancelled, (j));                                             \
    call;                                                                                  \
    pthread_cleanup_pop(0);                                                                \
  } while (0)

SS_EXPORT int __syncsan_pthread_join(pthread_t th, void **ret,
                                     const struct syncsan_site *site) {
  if (unchecked(th))
    return SS_REAL(pthread_join)(th, ret);
  struct ss_join j;
  ss_join_begin(&j, th, site, 1);
  int rc = 0;
  BLOCKING_JOIN(&j, rc = SS_REAL(pthread_join)(th, ret));
  ss_join_end(&j, rc == 0);
  return rc;
}

SS_EXPORT int __syncsan_pthread_tryjoin_np(pthread_t th, void **ret,
                                           const struct syncsan_site *site) {
  if (unchecked(th))
    return SS_REAL(pthread_tryjoin_np)(th, ret);
  struct ss_join j;
  ss_join_begin(&j, th, site, 0);
  int rc = SS_REAL(pthread_tryjoin_np)(th, ret);
  ss_join_end(&j, rc == 0);
  return rc;
}

SS_EXPORT int __syncsan_pthread_timedjoin_np(pthread_t th, void **ret,
                                             const struct timespec *ts,
                                             const struct syncsan_site *site) {
  if (unchecked(th))
    return SS_REAL(pthread_timedjoin_np)(th, ret, ts);
  struct ss_join j;
  ss_join_begin(&j, th, site, 1);
  int rc = 0;
  BLOCKING_JOIN(&j, rc = SS_REAL(pthread_timedjoin_np)(th, ret, ts));
  ss_join_end(&j, rc == 0);
  return rc;
}

SS_EXPORT int __syncsan_pthread_clockjoin_np(pthread_t th, void **ret, clockid_t clock,
                                             const struct timespec *ts,
                                             const struct syncsan_site *site) {
  if (unchecked(th))
    return SS_REAL(pthread_clockjoin_np)(th, ret, clock, ts);
  struct ss_join j;
  ss_join_begin(&j, th, site, 1);
  int rc = 0;
  BLOCKING_JOIN(&j, rc = SS_REAL(pthread_clockjoin_np)(th, ret, clock, ts));
  ss_join_end(&j, rc == 0);
  return rc;
}

SS_EXPORT int __syncsan_thrd_join(thrd_t th, int *res, const struct syncsan_site *site) {
  if (unchecked(th)) /* thrd_t is a pthread_t */
    return SS_REAL(thrd_join)(th, res);
  struct ss_join j;
  ss_join_begin(&j, th, site, 1);
  int rc = thrd_success;
  BLOCKING_JOIN(&j, rc = SS_REAL(thrd_join)(th, res));
  ss_join_end(&j, rc == thrd_success);
  return rc;
}
