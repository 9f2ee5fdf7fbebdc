// Near misses for lock-held-at-exit: threads that release everything
// before returning, a trylock that failed (nothing is held), a timed lock
// that timed out, and a main thread that unlocks before exit.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: failed=3
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <threads.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_spinlock_t spin;
static mtx_t m11;
static sem_t taken, release;
static int failed;

static void *holder(void *arg) {
  pthread_mutex_lock(&mu);
  pthread_spin_lock(&spin);
  mtx_lock(&m11);
  sem_post(&taken);
  sem_wait(&release);
  mtx_unlock(&m11);
  pthread_spin_unlock(&spin);
  pthread_mutex_unlock(&mu);
  return arg;
}

static void *trier(void *arg) {
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  ts.tv_nsec += 10 * 1000 * 1000;
  if (ts.tv_nsec >= 1000000000) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000;
  }
  failed += pthread_mutex_trylock(&mu) != 0;
  failed += pthread_spin_trylock(&spin) != 0;
  failed += mtx_timedlock(&m11, &ts) == thrd_timedout;
  return arg;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  mtx_init(&m11, mtx_timed);
  sem_init(&taken, 0, 0);
  sem_init(&release, 0, 0);
  pthread_t h, t;
  pthread_create(&h, NULL, holder, NULL);
  sem_wait(&taken);
  pthread_create(&t, NULL, trier, NULL);
  pthread_join(t, NULL);
  sem_post(&release);
  pthread_join(h, NULL);
  pthread_mutex_lock(&mu);
  printf("failed=%d\n", failed);
  pthread_mutex_unlock(&mu);
  return 0;
}
