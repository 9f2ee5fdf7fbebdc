// The pass's in-line lock path (<syncsan/abi_fast.h>) reports exactly what
// the hooks do: the same program built with it and without it
// (-syncsan-inline-fast-path=0) prints the same reports. Each lock is taken
// once first, so that the thread's class cache knows it and the later
// first-lock acquisitions take the in-line path: an order learned from an
// in-line first lock, an inversion whose outer lock is in-line, a lock
// used after its destroy (the cache entry's epoch is stale, so the hook
// runs), a robust mutex's EOWNERDEAD (the runtime's end path), an unlock
// of a lock not held, a release out of order, and a lock held at exit.
// RUN: %syncsan-cc %O -g %s -o %t.on
// RUN: env SYNCSAN_PASS_OPTIONS=-syncsan-inline-fast-path=0 %syncsan-cc %O -g %s -o %t.off
// RUN: llvm-nm %t.on | FileCheck %s --check-prefix=ON
// RUN: llvm-nm %t.off | FileCheck %s --check-prefix=OFF
// RUN: %expect-exit 66 %t.on 2>&1 | FileCheck %s
// RUN: %expect-exit 66 %t.off 2>&1 | FileCheck %s
// ON: __syncsan_fast_v1_lock_end
// OFF-NOT: U __syncsan_fast_v1_lock_end
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t gone, robust, held = PTHREAD_MUTEX_INITIALIZER;

static void warm(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  pthread_mutex_unlock(m);
}

static void *dies_holding(void *arg) {
  pthread_mutex_lock(&robust);
  return arg;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&robust, &attr);
  pthread_mutex_init(&gone, NULL);
  warm(&a);
  warm(&b);
  warm(&gone);
  warm(&robust);
  warm(&held);

  for (int i = 0; i < 3; i++) {
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
  }
  // CHECK: ERROR: SyncSanitizer: lock-order-inversion
  // CHECK: fast-path-same-reports.c:[[@LINE+2]]:3 (pthread_mutex_lock)
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  // Out of order: b goes first, a stays innermost of nothing.
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);

  pthread_mutex_destroy(&gone);
  // CHECK: ERROR: SyncSanitizer: lock-destroyed
  // CHECK: fast-path-same-reports.c:[[@LINE+1]]:3 (pthread_mutex_lock)
  pthread_mutex_lock(&gone);

  pthread_t th;
  pthread_create(&th, NULL, dies_holding, NULL);
  pthread_join(th, NULL);
  int rc = pthread_mutex_lock(&robust);
  fprintf(stderr, "robust: %s\n", rc == EOWNERDEAD ? "EOWNERDEAD" : "other");
  // CHECK: robust: EOWNERDEAD
  pthread_mutex_consistent(&robust);
  pthread_mutex_unlock(&robust);

  // CHECK: ERROR: SyncSanitizer: unlock-not-held
  // CHECK: fast-path-same-reports.c:[[@LINE+1]]:3 (pthread_mutex_unlock)
  pthread_mutex_unlock(&b);

  // CHECK: ERROR: SyncSanitizer: lock-held-at-exit: the process exits while thread T0 holds 1 lock
  // CHECK: Held: mutex M{{[0-9]+}} 'held'
  // CHECK-NEXT: #0 main {{.*}}fast-path-same-reports.c:[[@LINE+1]]:3 (pthread_mutex_lock)
  pthread_mutex_lock(&held);
  return 0;
}
// CHECK-NOT: ERROR: SyncSanitizer
