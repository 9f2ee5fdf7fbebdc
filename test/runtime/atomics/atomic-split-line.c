// A run-time address that straddles a cache line is an atomic-split-line
// report (a split lock); the line size is the runtime's cache_line_size.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
// With 128-byte lines the same address is only misaligned.
// RUN: env SYNCSAN_OPTIONS=cache_line_size=128 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=L128
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) uint64_t swap(_Atomic uint64_t *p, uint64_t v) {
  return atomic_exchange(p, v);
}

int main(int argc, char **argv) {
  (void)argv;
  static _Alignas(128) unsigned char buf[256];
  _Atomic uint64_t *p = (_Atomic uint64_t *)(buf + 59 + argc); // bytes 60..67
  swap(p, 7);
  printf("old %llu\n", (unsigned long long)swap(p, 8));
  return 0;
}
// CHECK: ERROR: SyncSanitizer: atomic-split-line: 8-byte atomic read-modify-write at 0x{{[0-9a-f]+}} straddles a 64-byte cache line boundary (it starts at byte 60 of its line)
// CHECK-NEXT: atomic read-modify-write by thread T0:
// CHECK-NEXT: #0 swap {{.*}}atomic-split-line.c:12:10 (atomic read-modify-write)
// CHECK-NEXT: A locked operation on two cache lines is a split lock
// CHECK: SUMMARY: SyncSanitizer: atomic-split-line {{.*}}atomic-split-line.c:12 in swap
// CHECK: old 7
// CHECK: SyncSanitizer: 1 error report
// L128: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic read-modify-write at 0x{{[0-9a-f]+}} is misaligned: it needs 8-byte alignment but the address is 4 modulo 8
// L128: old 7
// L128: SyncSanitizer: 1 error report
