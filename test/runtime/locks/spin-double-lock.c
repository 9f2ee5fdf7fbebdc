// Re-locking a spinlock the thread holds spins forever: reported before
// the thread spins, then the process ends with exitcode. A trylock of the
// held spinlock just before is not a bug (it fails with EBUSY).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=exitcode=9 %expect-exit 9 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_spinlock_t g_spin;

int main(void) {
  pthread_spin_init(&g_spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_lock(&g_spin);
  int busy = pthread_spin_trylock(&g_spin) == EBUSY;
  fprintf(stderr, "busy=%d\n", busy);
  pthread_spin_lock(&g_spin);
  fprintf(stderr, "not reached\n");
  return 0;
}
// CHECK: busy=1
// CHECK-NEXT: ===
// CHECK-NEXT: ERROR: SyncSanitizer: double-lock: thread T0 acquires spinlock M{{[0-9]+}} 'g_spin' (0x{{[0-9a-f]+}}) that it already holds; the thread would block on itself forever
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}spin-double-lock.c:18:3 (pthread_spin_lock)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}spin-double-lock.c:15:3 (pthread_spin_lock)
// CHECK: spinlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}spin-double-lock.c:14:3 (pthread_spin_init)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}spin-double-lock.c:18 in main
// CHECK: syncsan: ending the process: thread T0 would wait for itself forever
// CHECK-NOT: not reached
