// lock-destroyed: each lock kind used after its destroy with no init in
// between, by the thread that destroyed it and by another one. The real
// call still runs (glibc fails a destroyed mutex's lock with EINVAL), and
// the unlock after that failed lock is not reported again. A
// destroy glibc refused (a held mutex: EBUSY) leaves a live lock behind:
// its later use is silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s --implicit-check-not='SyncSanitizer: lock-destroyed'
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t g_mu;
static pthread_mutex_t g_stray;
static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t g_spin;
static mtx_t g_mtx;
static pthread_mutex_t g_busy = PTHREAD_MUTEX_INITIALIZER;

static void *other(void *arg) {
  int rc = pthread_rwlock_tryrdlock(&g_rw);
  fprintf(stderr, "spin trylock rc=%d\n", pthread_spin_trylock(&g_spin));
  if (rc == 0)
    pthread_rwlock_unlock(&g_rw);
  return arg;
}

int main(void) {
  pthread_mutex_init(&g_mu, NULL);
  pthread_mutex_lock(&g_mu);
  pthread_mutex_unlock(&g_mu);
  pthread_mutex_destroy(&g_mu);
  fprintf(stderr, "lock rc=%d\n", pthread_mutex_lock(&g_mu));
  pthread_mutex_unlock(&g_mu); /* the same bug: no unlock-not-held */

  pthread_mutex_init(&g_stray, NULL);
  pthread_mutex_destroy(&g_stray);
  pthread_mutex_unlock(&g_stray);

  mtx_init(&g_mtx, mtx_plain);
  mtx_destroy(&g_mtx);
  fprintf(stderr, "mtx_trylock rc=%d\n", mtx_trylock(&g_mtx));

  /* A write lock leaves glibc's rwlock in a state no init gives. */
  pthread_rwlock_wrlock(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  pthread_rwlock_destroy(&g_rw);
  /* Destroyed while held (destroy-locked): it stays locked. */
  pthread_spin_init(&g_spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_lock(&g_spin);
  pthread_spin_destroy(&g_spin);
  pthread_t t;
  pthread_create(&t, NULL, other, NULL);
  pthread_join(t, NULL);

  pthread_mutex_lock(&g_busy);
  fprintf(stderr, "busy destroy rc=%d\n", pthread_mutex_destroy(&g_busy));
  pthread_mutex_unlock(&g_busy);
  pthread_mutex_lock(&g_busy);
  pthread_mutex_unlock(&g_busy);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-destroyed: thread T0 acquires mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// CHECK-NEXT: Use by thread T0:
// CHECK-NEXT: #0 main {{.*}}lock-destroyed.c:33:{{[0-9]+}} (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was destroyed at:
// CHECK-NEXT: #0 main {{.*}}lock-destroyed.c:32:3 (pthread_mutex_destroy)
// CHECK: mutex M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}lock-destroyed.c:29:3 (pthread_mutex_init)
// CHECK: SUMMARY: SyncSanitizer: lock-destroyed {{.*}}lock-destroyed.c:33 in main
// CHECK: lock rc=22
// CHECK: ERROR: SyncSanitizer: lock-destroyed: thread T0 releases mutex M{{[0-9]+}} 'g_stray' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// CHECK: SUMMARY: SyncSanitizer: lock-destroyed {{.*}}lock-destroyed.c:38 in main
// CHECK-NOT: unlock-not-held
// CHECK: ERROR: SyncSanitizer: lock-destroyed: thread T0 tries to acquire mtx M{{[0-9]+}} 'g_mtx' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// CHECK: SUMMARY: SyncSanitizer: lock-destroyed {{.*}}lock-destroyed.c:42 in main
// CHECK: mtx_trylock rc={{[0-9]+}}
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys spinlock M{{[0-9]+}} 'g_spin'
// CHECK: ERROR: SyncSanitizer: lock-destroyed: thread T1 tries to acquire rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// CHECK: rwlock M{{[0-9]+}} was destroyed at:
// CHECK-NEXT: #0 main {{.*}}lock-destroyed.c:47:3 (pthread_rwlock_destroy)
// CHECK: rwlock M{{[0-9]+}} was statically initialised (no init call seen)
// CHECK: SUMMARY: SyncSanitizer: lock-destroyed {{.*}}lock-destroyed.c:21 in other
// CHECK: ERROR: SyncSanitizer: lock-destroyed: thread T1 tries to acquire spinlock M{{[0-9]+}} 'g_spin' (0x{{[0-9a-f]+}}), which was destroyed and not initialised again
// CHECK: SUMMARY: SyncSanitizer: lock-destroyed {{.*}}lock-destroyed.c:22 in other
// CHECK: spin trylock rc=16
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys mutex M{{[0-9]+}} 'g_busy'
// CHECK: busy destroy rc=16
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: done
// CHECK: SyncSanitizer: 7 error reports
