// A thread re-acquiring a normal mutex it holds is reported before it blocks,
// and the process ends with exitcode instead of hanging.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=exitcode=7 %expect-exit 7 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&g_lock);
  pthread_mutex_lock(&g_lock);
  printf("not reached\n");
  return 0;
}
// CHECK: ==[[PID:[0-9]+]]==ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'g_lock' (0x{{[0-9a-f]+}}) that it already holds; the thread would block on itself forever
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}double-lock.c:13:3 (pthread_mutex_lock)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}double-lock.c:12:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was statically initialised (no init call seen)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}double-lock.c:13 in main
// CHECK: ==[[PID]]==syncsan: ending the process: thread T0 would wait for itself forever
// CHECK-NOT: not reached
