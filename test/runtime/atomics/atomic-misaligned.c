// An atomic the pass cannot prove aligned is checked at run time: a
// misaligned address is reported once per site, with the address and the
// site, and the operation still happens, with its result.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
// The hooks (the out-of-line form of the check) report the same.
// RUN: %syncsan-cc %O -g %s -o %t.hooks -fsyncsan-atomic-inline-checks=0
// RUN: %expect-exit 66 %t.hooks 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) int bump(_Atomic int *p) {
  return atomic_fetch_add_explicit(p, 1, memory_order_relaxed);
}

int main(int argc, char **argv) {
  (void)argv;
  static _Alignas(64) unsigned char buf[128];
  _Atomic int *p = (_Atomic int *)(buf + argc + 1); // 2 bytes into a line
  for (int i = 0; i < 5; i++)
    bump(p);
  int v;
  memcpy(&v, buf + argc + 1, sizeof v);
  printf("value %d\n", v);
  return 0;
}
// CHECK: ==[[PID:[0-9]+]]==ERROR: SyncSanitizer: atomic-misaligned: 4-byte atomic read-modify-write at 0x{{[0-9a-f]*}}2 is misaligned: it needs 4-byte alignment but the address is 2 modulo 4
// CHECK-NEXT: atomic read-modify-write by thread T0:
// CHECK-NEXT: #0 bump {{.*}}atomic-misaligned.c:14:10 (atomic read-modify-write)
// CHECK: SUMMARY: SyncSanitizer: atomic-misaligned {{.*}}atomic-misaligned.c:14 in bump
// CHECK: value 5
// CHECK: ==[[PID]]==SyncSanitizer: 1 error report
