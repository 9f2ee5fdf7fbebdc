// A plain C11 mtx locked twice by its owner would hang: double-lock, then
// the process ends with exitcode.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <stdio.h>
#include <threads.h>

static mtx_t g_mtx;

int main(void) {
  mtx_init(&g_mtx, mtx_plain);
  mtx_lock(&g_mtx);
  mtx_lock(&g_mtx);
  fprintf(stderr, "not reached\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mtx M{{[0-9]+}} 'g_mtx' (0x{{[0-9a-f]+}}) that it already holds; the thread would block on itself forever
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}mtx-double-lock.c:13:3 (mtx_lock)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}mtx-double-lock.c:12:3 (mtx_lock)
// CHECK: mtx M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}mtx-double-lock.c:11:3 (mtx_init)
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}mtx-double-lock.c:13 in main
// CHECK-NOT: not reached
