// lock-held-at-exit at process exit: main returns with a spinlock held.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

static pthread_spinlock_t g_spin;

int main(void) {
  pthread_spin_init(&g_spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_lock(&g_spin);
  printf("returning\n");
  return 0;
}
// CHECK: returning
// CHECK: ERROR: SyncSanitizer: lock-held-at-exit: the process exits while thread T0 holds 1 lock
// CHECK-NEXT: Held: spinlock M{{[0-9]+}} 'g_spin' (0x{{[0-9a-f]+}}), acquired at:
// CHECK-NEXT: #0 main {{.*}}misuse-held-at-exit-process.c:11:3 (pthread_spin_lock)
// CHECK-NEXT: spinlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-held-at-exit-process.c:10:3 (pthread_spin_init)
// CHECK-NEXT: Thread T0 is the main thread
// CHECK-NEXT: SUMMARY: SyncSanitizer: lock-held-at-exit {{.*}}misuse-held-at-exit-process.c:11 in main
