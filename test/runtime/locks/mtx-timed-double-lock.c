// A timed mtx re-locked by its owner with mtx_timedlock: a double-lock, but
// one that ends (the call times out), so the process goes on.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <stdio.h>
#include <threads.h>
#include <time.h>

static mtx_t g_mtx;

int main(void) {
  mtx_init(&g_mtx, mtx_timed);
  mtx_lock(&g_mtx);
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  ts.tv_nsec += 10 * 1000 * 1000;
  if (ts.tv_nsec >= 1000000000) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000;
  }
  int rc = mtx_timedlock(&g_mtx, &ts);
  mtx_unlock(&g_mtx);
  fprintf(stderr, "timedlock=%s\n", rc == thrd_timedout ? "timedout" : "other");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mtx M{{[0-9]+}} 'g_mtx' (0x{{[0-9a-f]+}}) that it already holds
// CHECK-NOT: block on itself
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}mtx-timed-double-lock.c:21:12 (mtx_timedlock)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}mtx-timed-double-lock.c:21 in main
// CHECK: timedlock=timedout
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
