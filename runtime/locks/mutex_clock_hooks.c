/* pthread_mutex_clocklock (glibc 2.30+; std::timed_mutex's try_lock_for
 * compiles to it): a timed acquire measured against a chosen clock. */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "syncsan/hooks.h"

#include "core/real.h"
#include "mutex_op.h"

SS_EXPORT int __syncsan_pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clock,
                                                const struct timespec *ts,
                                                const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_mutex_clocklock)(m, clock, ts);
  struct ss_lockop op;
  op.pshared = ss_mutex_pshared(ss_mutex_op(&op, m, SS_KIND_MUTEX, SS_ACQ_TIMED, ss_site(site)));
  ss_lock_before(t, &op);
  int rc = SS_REAL(pthread_mutex_clocklock)(m, clock, ts);
  /* A robust mutex whose owner died is acquired all the same. */
  ss_lock_after(t, &op, rc == EOWNERDEAD ? 0 : rc);
  if (SS_UNLIKELY(rc == EOWNERDEAD))
    ss_lock_owner_taken(op.addr); /* the dead owner's hold ends here */
  return rc;
}
