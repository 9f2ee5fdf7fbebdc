// deadlock_action=hang: a certain self-deadlock is reported and the process
// is not ended; it blocks on itself until `timeout` kills it (status 124;
// 3 s: the report, symbolizer start included, must be out first under load).
// abort_on_deadlock=0, the older spelling, does the same. An explicit
// deadlock_action=hang wins over abort_on_deadlock=1.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_action=hang %expect-exit 124 timeout 3 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=abort_on_deadlock=0 %expect-exit 124 timeout 3 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=abort_on_deadlock=1:deadlock_action=hang %expect-exit 124 timeout 3 %t 2>&1 | FileCheck %s
// The default still ends it.
// RUN: %expect-exit 66 timeout 5 %t 2>&1 | FileCheck %s --check-prefix=ABORT
// RUN: env SYNCSAN_OPTIONS=deadlock_action=abort %expect-exit 66 timeout 5 %t 2>&1 | FileCheck %s --check-prefix=ABORT
// A value outside abort|hang|fail is a clear option error, and the default
// (abort) stays.
// RUN: env SYNCSAN_OPTIONS=deadlock_action=recover %expect-exit 66 timeout 5 %t 2>&1 | FileCheck %s --check-prefixes=BAD,ABORT
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&g_lock);
  fprintf(stderr, "locked once\n");
  pthread_mutex_lock(&g_lock);
  fprintf(stderr, "not reached\n");
  return 0;
}
// CHECK: locked once
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'g_lock' (0x{{[0-9a-f]+}}) that it already holds; the thread would block on itself forever
// CHECK: SUMMARY: SyncSanitizer: double-lock
// CHECK-NOT: ending the process
// CHECK-NOT: not reached

// BAD: syncsan: SYNCSAN_OPTIONS: bad value 'recover' for option 'deadlock_action'; ignored (valid: abort|hang|fail; keeping 'abort')
// ABORT: double-lock: thread T0 acquires mutex
// ABORT: ending the process: thread T0 would wait for itself forever
// ABORT-NOT: not reached
