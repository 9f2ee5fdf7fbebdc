// A write lock, or a read lock, of an rwlock that the thread holds for
// writing is a double-lock. glibc fails both with EDEADLK (it knows the
// writer), so the report says so and the program goes on with that result.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;

int main(void) {
  pthread_rwlock_wrlock(&g_rw);
  int w = pthread_rwlock_wrlock(&g_rw);
  int r = pthread_rwlock_rdlock(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  fprintf(stderr, "wrlock=%s rdlock=%s\n", w == EDEADLK ? "EDEADLK" : "other",
          r == EDEADLK ? "EDEADLK" : "other");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}) that it already holds (the call fails with EDEADLK)
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}rwlock-double-write.c:14:11 (pthread_rwlock_wrlock)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}rwlock-double-write.c:13:3 (pthread_rwlock_wrlock)
// CHECK: rwlock M{{[0-9]+}} was statically initialised (no init call seen)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}rwlock-double-write.c:14 in main
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires rwlock M{{[0-9]+}} 'g_rw' {{.*}} (the call fails with EDEADLK)
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}rwlock-double-write.c:15:11 (pthread_rwlock_rdlock)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}rwlock-double-write.c:15 in main
// CHECK: wrlock=EDEADLK rdlock=EDEADLK
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 2 error reports
