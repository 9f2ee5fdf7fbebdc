// The lock API rules hold for calls from a library built without the pass
// too: an unlock of a mutex the thread does not hold, a condvar wait with a
// mutex it does not hold, a second lock of an error-checking mutex. Each is
// reported once, at the library's call (a dynamic site, from the return
// address, symbolized; a call in tail position, as lib_unlock's at -O2,
// returns to the library's caller, as for any unwinder). The same calls
// done right report nothing.
// RUN: %clang %O -g -fPIC -shared %S/Inputs/pair-lib.c -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so -o %t
// RUN: %expect-exit 66 %t bad 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t good 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T0 releases mutex M{{[0-9]+}} 'loose'
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 {{lib_unlock .*pair-lib.c:16|main .*lib-api-rules.c:[0-9]+}}
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held
// CHECK: ERROR: SyncSanitizer: condvar-wait-unlocked: thread T0 waits on condvar C{{[0-9]+}} {{.*}} with mutex M{{[0-9]+}} 'wm' {{.*}}, which it does not hold
// CHECK-NEXT: Wait by thread T0:
// CHECK-NEXT: #0 lib_wait_unlocked {{.*}}pair-lib.c:22:12 (pthread_cond_timedwait)
// CHECK: SUMMARY: SyncSanitizer: condvar-wait-unlocked {{.*}}pair-lib.c:22 in lib_wait_unlocked
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'em' {{.*}} that it already holds (the call fails with EDEADLK)
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 lib_lock_twice {{.*}}pair-lib.c:30:12 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}pair-lib.c:30 in lib_lock_twice
// CHECK: lock twice: 35
// CHECK: 3 error reports
// SILENT: lock twice: 35
// SILENT-NOT: SyncSanitizer
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>

void lib_unlock(pthread_mutex_t *m);
int lib_wait_unlocked(pthread_cond_t *c, pthread_mutex_t *m);
int lib_lock_twice(pthread_mutex_t *m);

pthread_mutex_t loose = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t wm = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t em = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

int main(int argc, char **argv) {
  int bad = argc > 1 && !strcmp(argv[1], "bad");
  if (bad) {
    lib_unlock(&loose);
    lib_wait_unlocked(&cv, &wm);
    printf("lock twice: %d\n", lib_lock_twice(&em));
  } else {
    pthread_mutex_lock(&loose);
    lib_unlock(&loose);
    printf("lock twice: %d\n", 35); /* EDEADLK, as the bad run's second lock */
  }
  return 0;
}
