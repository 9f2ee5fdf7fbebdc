// Per-check control: -fsyncsan-disable=ID (with '*' wildcards, or 'all'),
// -fsyncsan-enable=ID for checks that are off by default, the same options
// through SYNCSAN_PASS_OPTIONS, and -fsyncsan-diag-source=0 for one-line
// diagnostics.
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=MIX,MIS
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-disable=atomic-misaligned 2>&1 | FileCheck %s --check-prefixes=MIX,NOMIS
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-disable=atomic-mi* 2>&1 | FileCheck %s --check-prefixes=NOMIX,NOMIS --allow-empty
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-disable=all 2>&1 | FileCheck %s --check-prefixes=NOMIX,NOMIS --allow-empty
// RUN: env SYNCSAN_PASS_OPTIONS=-syncsan-disable=atomic-mixed-access %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=NOMIX,MIS
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-enable=atomic-seq-cst-counter 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-diag-source=0 2>&1 | FileCheck %s --check-prefix=NOSRC
// MIX: warning: plain load of 'flag'
// NOMIX-NOT: syncsan-atomic-mixed-access
// MIS: warning: misaligned 4-byte atomic load of 'page+1'
// NOMIS-NOT: syncsan-atomic-misaligned
// REMARK: remark: seq_cst read-modify-write of 'hits'
// NOSRC: diag-controls.c:{{[0-9]+}}:{{[0-9]+}}: warning: plain load of 'flag'
// NOSRC-NEXT: diag-controls.c:{{[0-9]+}}:{{[0-9]+}}: note: atomic write of 'flag' here
// NOSRC-NEXT: diag-controls.c:{{[0-9]+}}:10: warning: misaligned
#include <stdatomic.h>

_Alignas(64) char page[128];
int flag;
_Alignas(64) _Atomic long hits;

int odd(void) {
  return atomic_load((_Atomic int *)(page + 1));
}
void set(void) { __atomic_store_n(&flag, 1, __ATOMIC_RELEASE); }
int get(void) { return flag; }
void count(void) { hits++; }
