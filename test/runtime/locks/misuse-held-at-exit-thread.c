// lock-held-at-exit: a thread returns holding a mutex (locked twice: it is
// recursive) and an rwlock for reading. One report lists both locks, where
// each was taken and initialised, and where the thread was created.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_rec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_rwlock_t g_rw;

static void *forgetful(void *arg) {
  pthread_mutex_lock(&g_rec);
  pthread_mutex_lock(&g_rec);
  pthread_rwlock_rdlock(&g_rw);
  return arg;
}

int main(void) {
  pthread_rwlock_init(&g_rw, NULL);
  pthread_t t;
  pthread_create(&t, NULL, forgetful, NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "joined\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: thread T1 exits while holding 2 locks
// CHECK-NEXT: Held: mutex M{{[0-9]+}} 'g_rec' (0x{{[0-9a-f]+}}), locked 2 times, first acquired at:
// CHECK-NEXT: #0 forgetful {{.*}}misuse-held-at-exit-thread.c:14:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was statically initialised
// CHECK-NEXT: Held: rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}) (for reading), acquired at:
// CHECK-NEXT: #0 forgetful {{.*}}misuse-held-at-exit-thread.c:16:3 (pthread_rwlock_rdlock)
// CHECK: rwlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-held-at-exit-thread.c:21:3 (pthread_rwlock_init)
// CHECK: Thread T1 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}misuse-held-at-exit-thread.c:23:3 (pthread_create)
// CHECK: SUMMARY: SyncSanitizer: lock-held-at-exit {{.*}}misuse-held-at-exit-thread.c:16 in forgetful
// CHECK: joined
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 1 error report
