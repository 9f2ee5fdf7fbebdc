// The default, in-line form of the run-time address test: a misaligned or
// line-straddling address is reported at the site of the first access
// through that pointer, and every access, the reported ones included, still
// happens with its result. Accesses dominated by that test through the same
// pointer are not tested again (one report, not three); another pointer is
// tested on its own; an aligned one is never reported. (-O2: at -O0 see
// below.)
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,CHECK%O --implicit-check-not=SyncSanitizer:
// The hooks test every site: the store and the add through p are reported too.
// RUN: %syncsan-cc %O -g %s -o %t.hooks -fsyncsan-atomic-inline-checks=0
// RUN: %expect-exit 66 %t.hooks 2>&1 | FileCheck %s --check-prefix=HOOKS --implicit-check-not=SyncSanitizer:
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) long tally(_Atomic long *p, _Atomic long *q) {
  long seen = atomic_load_explicit(p, memory_order_acquire);
  atomic_store_explicit(p, seen + 40, memory_order_release);
  long before = atomic_fetch_add_explicit(p, 2, memory_order_relaxed);
  return before + atomic_fetch_add_explicit(q, 1, memory_order_acq_rel);
}

static long peek(const unsigned char *at) {
  long v;
  memcpy(&v, at, sizeof v);
  return v;
}

int main(int argc, char **argv) {
  (void)argv;
  static _Alignas(128) unsigned char buf[256];
  unsigned char *mis = buf + argc + 1;       // 2 modulo 8, inside one line
  unsigned char *split = buf + 123 + argc;   // bytes 124..131: two lines
  _Alignas(8) static _Atomic long fine = 5;
  long one = 1;
  memcpy(mis, &one, sizeof one);
  memcpy(split, &one, sizeof one);
  long r1 = tally((_Atomic long *)mis, (_Atomic long *)split);
  long r2 = tally(&fine, &fine);
  printf("results %ld %ld, memory %ld %ld %ld\n", r1, r2, peek(mis), peek(split),
         (long)atomic_load(&fine));
  return 0;
}
// CHECK: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic load at 0x{{[0-9a-f]*}}2 is misaligned: it needs 8-byte alignment but the address is 2 modulo 8
// CHECK-NEXT: atomic load by thread T0:
// CHECK-NEXT: #0 tally {{.*}}atomic-inline-check.c:18:15 (atomic load)
// CHECK: SUMMARY: SyncSanitizer: atomic-misaligned {{.*}}atomic-inline-check.c:18 in tally
// At -O0 every access reloads p from its stack slot, a new SSA value each
// time, so each is tested and reported on its own, as the hooks do.
// CHECK-O0: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic store at
// CHECK-O0: SUMMARY: SyncSanitizer: atomic-misaligned {{.*}}atomic-inline-check.c:19 in tally
// CHECK-O0: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic read-modify-write at
// CHECK-O0: SUMMARY: SyncSanitizer: atomic-misaligned {{.*}}atomic-inline-check.c:20 in tally
// CHECK: ERROR: SyncSanitizer: atomic-split-line: 8-byte atomic read-modify-write at 0x{{[0-9a-f]+}} straddles a 64-byte cache line boundary (it starts at byte 60 of its line)
// CHECK-NEXT: atomic read-modify-write by thread T0:
// CHECK-NEXT: #0 tally {{.*}}atomic-inline-check.c:21:19 (atomic read-modify-write)
// CHECK: SUMMARY: SyncSanitizer: atomic-split-line {{.*}}atomic-inline-check.c:21 in tally
// tally(mis, split): 41 + 1; tally(&fine, &fine): 45 + 47.
// CHECK: results 42 92, memory 43 2 48
// CHECK-O2: SyncSanitizer: 2 error reports
// CHECK-O0: SyncSanitizer: 4 error reports
// HOOKS: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic load at
// HOOKS: SUMMARY: SyncSanitizer: atomic-misaligned {{.*}}atomic-inline-check.c:18 in tally
// HOOKS: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic store at
// HOOKS: SUMMARY: SyncSanitizer: atomic-misaligned {{.*}}atomic-inline-check.c:19 in tally
// HOOKS: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic read-modify-write at
// HOOKS: SUMMARY: SyncSanitizer: atomic-misaligned {{.*}}atomic-inline-check.c:20 in tally
// HOOKS: ERROR: SyncSanitizer: atomic-split-line: 8-byte atomic read-modify-write at
// HOOKS: SUMMARY: SyncSanitizer: atomic-split-line {{.*}}atomic-inline-check.c:21 in tally
// HOOKS: results 42 92, memory 43 2 48
// HOOKS: SyncSanitizer: 4 error reports
