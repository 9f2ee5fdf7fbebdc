// Near misses for rwlocks, all silent: recursive reads, readers in several
// threads at once, try and timed locks that fail because another thread
// holds the lock (nothing is held afterwards, so the unlock-free exit is
// clean), clock variants, and destroy after the last unlock.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: busy=3 timedout=2 readers=3
// CHECK-NOT: SyncSanitizer
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int readers, release;

static void *reader(void *arg) {
  pthread_rwlock_rdlock(&rw);
  pthread_rwlock_rdlock(&rw); /* recursive read */
  pthread_mutex_lock(&mu);
  readers++;
  pthread_cond_broadcast(&cv);
  while (!release)
    pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_unlock(&rw);
  return arg;
}

static struct timespec soon(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  ts.tv_nsec += 20 * 1000 * 1000;
  if (ts.tv_nsec >= 1000000000) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000;
  }
  return ts;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, reader, NULL);
  pthread_mutex_lock(&mu);
  while (readers < 3)
    pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);

  /* The readers hold it: a writer cannot get it, and says so. */
  int busy = 0, timedout = 0;
  busy += pthread_rwlock_trywrlock(&rw) == EBUSY;
  struct timespec ts = soon(CLOCK_REALTIME);
  timedout += pthread_rwlock_timedwrlock(&rw, &ts) == ETIMEDOUT;
  ts = soon(CLOCK_MONOTONIC);
  timedout += pthread_rwlock_clockwrlock(&rw, CLOCK_MONOTONIC, &ts) == ETIMEDOUT;
  /* ...while one more reader can. */
  if (pthread_rwlock_tryrdlock(&rw) == 0)
    pthread_rwlock_unlock(&rw);
  ts = soon(CLOCK_MONOTONIC);
  if (pthread_rwlock_clockrdlock(&rw, CLOCK_MONOTONIC, &ts) == 0)
    pthread_rwlock_unlock(&rw);

  pthread_mutex_lock(&mu);
  release = 1;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);

  /* Held by this thread for writing: a try of either side fails (EBUSY or
   * EDEADLK) without blocking, which is not a double-lock. */
  pthread_rwlock_wrlock(&rw);
  busy += pthread_rwlock_tryrdlock(&rw) != 0;
  busy += pthread_rwlock_trywrlock(&rw) != 0;
  pthread_rwlock_unlock(&rw);

  pthread_rwlock_t local;
  pthread_rwlock_init(&local, NULL);
  ts = soon(CLOCK_REALTIME);
  pthread_rwlock_timedrdlock(&local, &ts);
  pthread_rwlock_unlock(&local);
  pthread_rwlock_destroy(&local);
  printf("busy=%d timedout=%d readers=%d\n", busy, timedout, readers);
  return 0;
}
