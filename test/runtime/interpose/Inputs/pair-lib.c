/* A library built with plain clang, without the pass: syncsan sees its
 * lock calls only through the runtime's interposers. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

/* Takes a, then b, and lets both go. */
void lib_lock_pair(pthread_mutex_t *a, pthread_mutex_t *b) {
  pthread_mutex_lock(a);
  pthread_mutex_lock(b);
  pthread_mutex_unlock(b);
  pthread_mutex_unlock(a);
}

/* An unlock of a mutex the thread does not hold. */
void lib_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

/* A wait on c with m, which the thread does not hold (it times out at once). */
int lib_wait_unlocked(pthread_cond_t *c, pthread_mutex_t *m) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  int rc = pthread_cond_timedwait(c, m, &now);
  pthread_mutex_unlock(m); /* the wait returned holding it */
  return rc;
}

/* Locks m twice; for an error-checking mutex the second fails (EDEADLK). */
int lib_lock_twice(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  int rc = pthread_mutex_lock(m);
  pthread_mutex_unlock(m);
  return rc;
}
