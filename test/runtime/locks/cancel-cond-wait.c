// Cancellation unwinds through the hooks. The textbook pattern: a thread
// cancelled in pthread_cond_wait re-acquires the mutex, and its cleanup
// handler unlocks it. That unlock is correct (no unlock-not-held), and the
// cancelled waiter is no longer waiting on the condvar, so a later wait on
// it with another mutex is no condvar-mutex-mismatch. Near misses, silent
// too: a thread cancelled in pthread_join while holding a mutex its cleanup
// handler releases, and a cancel request that arrives while a thread is
// blocked in pthread_mutex_lock (not a cancellation point: it acquires the
// lock, then acts on the request at pthread_testcancel).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100 %expect-exit 0 timeout 30 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER, other = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t held_in_join = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t contended = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static sem_t ready, never;
static int flag;

static void unlock_it(void *m) { pthread_mutex_unlock(m); }

static void *waiter(void *arg) {
  pthread_mutex_lock(&mu);
  pthread_cleanup_push(unlock_it, &mu);
  sem_post(&ready);
  while (!flag)
    pthread_cond_wait(&cv, &mu);
  pthread_cleanup_pop(1);
  return arg;
}

static void *sleeper(void *arg) {
  sem_wait(&never);
  return arg;
}

static void *joiner(void *arg) {
  pthread_mutex_lock(&held_in_join);
  pthread_cleanup_push(unlock_it, &held_in_join);
  sem_post(&ready);
  pthread_join(*(pthread_t *)arg, NULL);
  pthread_cleanup_pop(1);
  return NULL;
}

static void *locker(void *arg) {
  sem_post(&ready);
  pthread_mutex_lock(&contended);
  pthread_cleanup_push(unlock_it, &contended);
  pthread_testcancel();
  pthread_cleanup_pop(1);
  return arg;
}

static void join_and_say(pthread_t t, const char *what) {
  void *res;
  pthread_join(t, &res);
  fprintf(stderr, "%s: %s\n", what, res == PTHREAD_CANCELED ? "cancelled" : "returned");
}

int main(void) {
  sem_init(&ready, 0, 0);
  sem_init(&never, 0, 0);
  pthread_t t;

  pthread_create(&t, NULL, waiter, NULL);
  sem_wait(&ready);
  pthread_mutex_lock(&mu); /* granted once the waiter is inside the wait */
  pthread_cancel(t);
  pthread_mutex_unlock(&mu);
  join_and_say(t, "cond_wait");
  pthread_mutex_lock(&other);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 10 * 1000 * 1000;
  if (ts.tv_nsec >= 1000000000) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000;
  }
  pthread_cond_timedwait(&cv, &other, &ts); /* the condvar has no waiter left */
  pthread_mutex_unlock(&other);

  pthread_t s, j;
  pthread_create(&s, NULL, sleeper, NULL);
  pthread_create(&j, NULL, joiner, &s);
  sem_wait(&ready);
  pthread_cancel(j);
  join_and_say(j, "join");
  pthread_cancel(s);
  join_and_say(s, "sleeper");

  pthread_mutex_lock(&contended);
  pthread_create(&t, NULL, locker, NULL);
  sem_wait(&ready);
  struct timespec pause = {0, 200 * 1000 * 1000}; /* past the watchdog's 100 ms */
  nanosleep(&pause, NULL);
  pthread_cancel(t);
  pthread_mutex_unlock(&contended);
  join_and_say(t, "mutex_lock");
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: cond_wait: cancelled
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: join: cancelled
// CHECK: sleeper: cancelled
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: mutex_lock: cancelled
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: done
// CHECK-NOT: SyncSanitizer
