// -fsyncsan-sarif=FILE writes every diagnostic of the compile as a SARIF
// 2.1.0 log: one run, one rule per check ID with its help text, results
// with their physical locations and notes as related locations. Error mode
// shows in the results' level. A clean compile writes a log with no results.
// A directory gets one log per source file.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-sarif=%t.sarif 2>/dev/null
// RUN: python3 %S/Inputs/sarif_check.py %t.sarif | FileCheck %s
// CHECK: warning atomic-mixed-access sarif-output.c:[[#MIX:]]:24
// CHECK-NEXT:   related [[#MIX-1]]:18 atomic write of 'flag' here
// CHECK-NEXT: warning atomic-misaligned sarif-output.c:[[#MIS:]]:10
// CHECK-NEXT: results: 2
// RUN: %expect-exit 1 %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-sarif=%t.sarif -fsyncsan-werror 2>/dev/null
// RUN: python3 %S/Inputs/sarif_check.py %t.sarif | FileCheck %s --check-prefix=ERR
// ERR: error atomic-mixed-access
// ERR: error atomic-misaligned
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -DCLEAN -fsyncsan-sarif=%t.clean.sarif
// RUN: python3 %S/Inputs/sarif_check.py %t.clean.sarif | FileCheck %s --check-prefix=CLEAN
// CLEAN: results: 0
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-sarif=%t.dir/ 2>/dev/null
// RUN: ls %t.dir | FileCheck %s --check-prefix=DIR
// DIR: sarif-output.c-{{[0-9a-f]+}}.sarif
// Without -g a result has its file and function, and no region.
// RUN: %syncsan-cc -O2 -c %s -o %t.o -fsyncsan-sarif=%t.nodebug.sarif 2>/dev/null
// RUN: python3 %S/Inputs/sarif_check.py %t.nodebug.sarif | FileCheck %s --check-prefix=NODEBUG
// NODEBUG: warning atomic-mixed-access sarif-output.c:0:0
#include <stdatomic.h>

_Alignas(64) char page[128];
int flag;

#ifndef CLEAN
void set(void) { __atomic_store_n(&flag, 1, __ATOMIC_RELEASE); }
int get(void) { return flag; }
int odd(void) {
  return atomic_load((_Atomic int *)(page + 1));
}
#endif
