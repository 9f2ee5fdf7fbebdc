// unlock-not-held for every lock kind: an rwlock, a spinlock and a C11 mtx
// released without being held by anyone. Nobody holds them, so none of the
// reports is unlock-wrong-thread.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NOWRONG
// NOWRONG-NOT: unlock-wrong-thread
#include <pthread.h>
#include <threads.h>

static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t g_spin;
static mtx_t g_mtx;

int main(void) {
  pthread_spin_init(&g_spin, PTHREAD_PROCESS_PRIVATE);
  mtx_init(&g_mtx, mtx_plain);
  /* Taken and released once, properly: the second release is the bug. */
  pthread_rwlock_wrlock(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  pthread_spin_unlock(&g_spin);
  mtx_unlock(&g_mtx);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T0 releases rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}) that it does not hold
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-not-held-kinds.c:21:3 (pthread_rwlock_unlock)
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}misuse-unlock-not-held-kinds.c:21 in main
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T0 releases spinlock M{{[0-9]+}} 'g_spin' (0x{{[0-9a-f]+}}) that it does not hold
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-not-held-kinds.c:22:3 (pthread_spin_unlock)
// CHECK: spinlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-not-held-kinds.c:16:3 (pthread_spin_init)
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T0 releases mtx M{{[0-9]+}} 'g_mtx' (0x{{[0-9a-f]+}}) that it does not hold
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-not-held-kinds.c:23:3 (mtx_unlock)
// CHECK: mtx M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-not-held-kinds.c:17:3 (mtx_init)
// CHECK: SyncSanitizer: 3 error reports
