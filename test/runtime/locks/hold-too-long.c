// lock_hold_warn_ms: a lock held longer than the threshold is a warning
// (lock-hold-too-long), once per site pair; warnings do not change the exit
// status. Short holds and the default (off) stay silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=lock_hold_warn_ms=50 %expect-exit 0 %t 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=OFF
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t config = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  for (int i = 0; i < 2; i++) {
    pthread_mutex_lock(&config);
    usleep(120 * 1000);
    pthread_mutex_unlock(&config);
  }
  pthread_mutex_lock(&config); /* short: silent */
  pthread_mutex_unlock(&config);
  printf("done\n");
  return 0;
}
// CHECK: WARNING: SyncSanitizer: lock-hold-too-long: thread T0 held mutex M{{[0-9]+}} 'config' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (lock_hold_warn_ms=50)
// CHECK-NEXT: Acquired by thread T0:
// CHECK-NEXT: #0 main {{.*}}hold-too-long.c:15:5 (pthread_mutex_lock)
// CHECK-NEXT: Released by thread T0:
// CHECK-NEXT: #0 main {{.*}}hold-too-long.c:17:5 (pthread_mutex_unlock)
// CHECK: SUMMARY: SyncSanitizer: lock-hold-too-long {{.*}}hold-too-long.c:17 in main
// CHECK-NOT: lock-hold-too-long
// CHECK: done
// CHECK-NOT: error report
// OFF-NOT: SyncSanitizer
