// A timed write lock of an rwlock the thread holds for reading can never be
// granted either, but it does not hang: it is a double-lock that says the
// call can only time out, the process is not ended, and glibc returns
// ETIMEDOUT (glibc detects only a writer re-locking, with EDEADLK).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_rwlock_t rw;

int main(void) {
  pthread_rwlock_init(&rw, NULL);
  pthread_rwlock_rdlock(&rw);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec = 0; /* already past: the call fails at once */
  int rc = pthread_rwlock_timedwrlock(&rw, &ts);
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_destroy(&rw);
  fprintf(stderr, "rc=%d\n", rc);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires rwlock M{{[0-9]+}} 'rw' (0x{{[0-9a-f]+}}) that it already holds; the call can only time out
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}rwlock-timed-write-after-read.c:19:12 (pthread_rwlock_timedwrlock)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}rwlock-timed-write-after-read.c:15:3 (pthread_rwlock_rdlock)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}rwlock-timed-write-after-read.c:19 in main
// CHECK-NOT: ending the process
// CHECK: rc=110
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
