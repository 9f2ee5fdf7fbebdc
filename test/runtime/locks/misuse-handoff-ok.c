// Near miss for unlock-wrong-thread and unlock-not-held: a lock that moves
// between threads, each taking and releasing it itself, of every kind; and
// a mutex locked by one thread after another released it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: total=4000
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t spin;
static mtx_t m11;
static long n_mu, n_rw, n_spin, n_mtx; /* one counter per lock */

static void *worker(void *arg) {
  for (int i = 0; i < 250; i++) {
    pthread_mutex_lock(&mu);
    n_mu++;
    pthread_mutex_unlock(&mu);
    pthread_rwlock_wrlock(&rw);
    n_rw++;
    pthread_rwlock_unlock(&rw);
    pthread_spin_lock(&spin);
    n_spin++;
    pthread_spin_unlock(&spin);
    mtx_lock(&m11);
    n_mtx++;
    mtx_unlock(&m11);
  }
  return arg;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  mtx_init(&m11, mtx_plain);
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("total=%ld\n", n_mu + n_rw + n_spin + n_mtx);
  pthread_spin_destroy(&spin);
  mtx_destroy(&m11);
  return 0;
}
