// Near misses for lock-reinit-held: a lock initialised again after its
// last unlock, with no destroy in between (POSIX leaves that undefined
// for a lock in use, not for an unlocked one), by the thread that held it
// and after another thread held and released it; a recursive mutex after
// as many unlocks as locks.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 timeout 30 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: done
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;

static void *user(void *arg) {
  pthread_mutex_lock(&g_mu);
  pthread_mutex_unlock(&g_mu);
  pthread_rwlock_rdlock(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, user, NULL);
  pthread_join(t, NULL);
  pthread_mutex_init(&g_mu, NULL);
  pthread_rwlock_init(&g_rw, NULL);

  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t rec;
  pthread_mutex_init(&rec, &a);
  pthread_mutex_lock(&rec);
  pthread_mutex_lock(&rec);
  pthread_mutex_unlock(&rec);
  pthread_mutex_unlock(&rec);
  pthread_mutex_init(&rec, &a);

  pthread_spinlock_t spin;
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_lock(&spin);
  pthread_spin_unlock(&spin);
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  mtx_t m;
  mtx_init(&m, mtx_plain);
  mtx_lock(&m);
  mtx_unlock(&m);
  mtx_init(&m, mtx_plain);
  mtx_lock(&m);
  mtx_unlock(&m);
  fprintf(stderr, "done\n");
  return 0;
}
