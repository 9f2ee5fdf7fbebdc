// Releasing a mutex the thread does not hold; the real unlock still runs and
// the program continues.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&g_lock);
  pthread_mutex_unlock(&g_lock);
  pthread_mutex_unlock(&g_lock);
  fprintf(stderr, "still running\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T0 releases mutex M{{[0-9]+}} 'g_lock' (0x{{[0-9a-f]+}}) that it does not hold
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}unlock-not-held.c:13:3 (pthread_mutex_unlock)
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}unlock-not-held.c:13 in main
// CHECK: still running
