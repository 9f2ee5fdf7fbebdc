// Near misses for lock-destroyed: a destroyed lock made a new one again
// before its next use, by an init call, by a static initialiser written
// into the same memory (a new object at a reused address), by zeroing, or
// by an init syncsan does not see (the C library's own function, looked
// up past the interposers); and glibc states a destroyed lock shares with
// a fresh one (an rwlock only ever read-locked, a spinlock destroyed
// unlocked), which prove nothing.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 timeout 30 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: done
// CHECK-NOT: SyncSanitizer
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

/* One piece of memory that holds a lock of each kind in turn. */
static union {
  pthread_mutex_t mu;
  pthread_rwlock_t rw;
  pthread_spinlock_t spin;
  mtx_t mtx;
} g_slot;

static int unseen_init(pthread_mutex_t *m, const pthread_mutexattr_t *a) {
  int (*real)(pthread_mutex_t *, const pthread_mutexattr_t *) =
      (int (*)(pthread_mutex_t *, const pthread_mutexattr_t *))dlsym(RTLD_NEXT,
                                                                     "pthread_mutex_init");
  return real(m, a);
}

static void use_mutex(void) {
  pthread_mutex_lock(&g_slot.mu);
  pthread_mutex_unlock(&g_slot.mu);
}

int main(void) {
  pthread_mutex_init(&g_slot.mu, NULL);
  use_mutex();
  pthread_mutex_destroy(&g_slot.mu);
  pthread_mutex_init(&g_slot.mu, NULL);
  use_mutex();

  pthread_mutex_destroy(&g_slot.mu);
  g_slot.mu = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
  use_mutex();

  pthread_mutex_destroy(&g_slot.mu);
  memset(&g_slot, 0, sizeof(g_slot));
  use_mutex();

  pthread_mutex_destroy(&g_slot.mu);
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  unseen_init(&g_slot.mu, &a);
  use_mutex();
  pthread_mutex_destroy(&g_slot.mu);

  mtx_init(&g_slot.mtx, mtx_plain);
  mtx_destroy(&g_slot.mtx);
  mtx_init(&g_slot.mtx, mtx_recursive);
  mtx_lock(&g_slot.mtx);
  mtx_unlock(&g_slot.mtx);
  mtx_destroy(&g_slot.mtx);

  pthread_rwlock_init(&g_slot.rw, NULL);
  pthread_rwlock_wrlock(&g_slot.rw);
  pthread_rwlock_unlock(&g_slot.rw);
  pthread_rwlock_destroy(&g_slot.rw);
  g_slot.rw = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
  pthread_rwlock_wrlock(&g_slot.rw);
  pthread_rwlock_unlock(&g_slot.rw);
  pthread_rwlock_destroy(&g_slot.rw);
  pthread_rwlock_init(&g_slot.rw, NULL);
  pthread_rwlock_rdlock(&g_slot.rw);
  pthread_rwlock_unlock(&g_slot.rw);
  pthread_rwlock_destroy(&g_slot.rw);
  pthread_rwlock_rdlock(&g_slot.rw); /* idle bytes: indistinguishable from a new one */
  pthread_rwlock_unlock(&g_slot.rw);
  pthread_rwlock_destroy(&g_slot.rw);

  pthread_spin_init(&g_slot.spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_lock(&g_slot.spin);
  pthread_spin_unlock(&g_slot.spin);
  pthread_spin_destroy(&g_slot.spin);
  pthread_spin_lock(&g_slot.spin); /* the same: unlocked bytes */
  pthread_spin_unlock(&g_slot.spin);
  pthread_spin_destroy(&g_slot.spin);
  pthread_spin_init(&g_slot.spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_lock(&g_slot.spin);
  pthread_spin_unlock(&g_slot.spin);
  pthread_spin_destroy(&g_slot.spin);
  fprintf(stderr, "done\n");
  return 0;
}
