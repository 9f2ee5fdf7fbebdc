// A write lock of an rwlock that the thread holds for reading can never be
// granted: reported before the thread blocks on itself, and the process
// ends with exitcode instead of hanging. The rwlock was set up by
// pthread_rwlock_init, and the report says where.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t rw;

int main(void) {
  pthread_rwlock_init(&rw, NULL);
  pthread_rwlock_rdlock(&rw);
  pthread_rwlock_wrlock(&rw);
  fprintf(stderr, "not reached\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires rwlock M{{[0-9]+}} 'rw' (0x{{[0-9a-f]+}}) that it already holds; the thread would block on itself forever
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}rwlock-write-after-read.c:15:3 (pthread_rwlock_wrlock)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}rwlock-write-after-read.c:14:3 (pthread_rwlock_rdlock)
// CHECK: rwlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}rwlock-write-after-read.c:13:3 (pthread_rwlock_init)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}rwlock-write-after-read.c:15 in main
// CHECK: syncsan: ending the process: thread T0 would wait for itself forever
// CHECK-NOT: not reached
