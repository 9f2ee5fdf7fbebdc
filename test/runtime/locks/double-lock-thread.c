// The report names the thread, and where that thread was created.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_lock(&mu);
  pthread_mutex_lock(&mu);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T1 acquires mutex M{{[0-9]+}} 'mu'
// CHECK: #0 worker {{.*}}double-lock-thread.c:10:3
// CHECK: Thread T1 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}double-lock-thread.c:16:3 (pthread_create)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}double-lock-thread.c:10 in worker
