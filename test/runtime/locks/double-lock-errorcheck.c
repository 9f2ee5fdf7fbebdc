// An errorcheck mutex re-acquired by its owner: reported, and the real call
// still runs and returns EDEADLK, so the program goes on; the exit status
// says an error was reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutex_t m;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&m, &a);
  pthread_mutex_lock(&m);
  int rc = pthread_mutex_lock(&m);
  fprintf(stderr, "second lock returned %s\n", rc == EDEADLK ? "EDEADLK" : "something else");
  pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} (0x{{[0-9a-f]+}}) that it already holds (the call fails with EDEADLK)
// CHECK: #0 main {{.*}}double-lock-errorcheck.c:17:12 (pthread_mutex_lock)
// CHECK: #0 main {{.*}}double-lock-errorcheck.c:16:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}double-lock-errorcheck.c:15:3 (pthread_mutex_init)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}double-lock-errorcheck.c:17 in main
// CHECK: second lock returned EDEADLK
// CHECK: SyncSanitizer: 1 error report
