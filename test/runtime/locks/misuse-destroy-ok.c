// Near misses for destroy-locked: every kind destroyed after its last
// unlock (a recursive mutex after as many unlocks as locks), destroyed and
// re-initialised at the same address, and a lock another thread held and
// released before the destroy.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: done
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_rwlock_t shared_rw;

static void *user(void *arg) {
  pthread_rwlock_rdlock(&shared_rw);
  pthread_rwlock_unlock(&shared_rw);
  return arg;
}

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t rec;
  pthread_mutex_init(&rec, &a);
  pthread_mutex_lock(&rec);
  pthread_mutex_lock(&rec);
  pthread_mutex_unlock(&rec);
  pthread_mutex_unlock(&rec);
  pthread_mutex_destroy(&rec);

  for (int round = 0; round < 2; round++) {
    pthread_rwlock_t rw;
    pthread_spinlock_t spin;
    mtx_t m;
    pthread_rwlock_init(&rw, NULL);
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    mtx_init(&m, mtx_recursive);
    pthread_rwlock_wrlock(&rw);
    pthread_rwlock_unlock(&rw);
    pthread_spin_lock(&spin);
    pthread_spin_unlock(&spin);
    mtx_lock(&m);
    mtx_lock(&m);
    mtx_unlock(&m);
    mtx_unlock(&m);
    pthread_rwlock_destroy(&rw);
    pthread_spin_destroy(&spin);
    mtx_destroy(&m);
  }

  pthread_rwlock_init(&shared_rw, NULL);
  pthread_t t;
  pthread_create(&t, NULL, user, NULL);
  pthread_join(t, NULL);
  pthread_rwlock_destroy(&shared_rw);
  printf("done\n");
  return 0;
}
