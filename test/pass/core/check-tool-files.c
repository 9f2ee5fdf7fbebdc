// syncsan-check runs the static checks alone over files, with the flags
// after "--", and produces no object. Its exit status is 0 unless a
// diagnostic is an error (--werror) or a file does not compile; it can
// merge the results of several files into one SARIF log.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: syncsan-check %s -- -DWITH_BUG 2>&1 | FileCheck %s
// CHECK: check-tool-files.c:[[#LINE:]]:10: warning: misaligned 4-byte atomic load of 'page+2'{{.*}} [syncsan-atomic-misaligned]
// CHECK-NEXT: {{^ +}}[[#LINE]] |   return atomic_load((_Atomic int *)(page + 2));
// RUN: ls %t | FileCheck %s --check-prefix=NOOUTPUT --allow-empty
// NOOUTPUT-NOT: {{.}}
// RUN: %expect-exit 1 syncsan-check --werror %s -- -DWITH_BUG 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: error: misaligned
// RUN: %expect-exit 0 syncsan-check --werror %s 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: syncsan
// RUN: syncsan-check --disable=atomic-misaligned %s -- -DWITH_BUG 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// The options of the checks pass through.
// RUN: syncsan-check --cache-line-size=32 --remarks %s -- -DWITH_BUG -DCOUNTER 2>&1 | FileCheck %s --check-prefix=OPTS
// OPTS: remark: seq_cst read-modify-write of 'hits'
// Two files, one SARIF log.
// RUN: syncsan-check --sarif=%t/all.sarif %s %S/Inputs/check-tool-other.c -- -DWITH_BUG 2>/dev/null
// RUN: python3 %S/Inputs/sarif_check.py %t/all.sarif | FileCheck %s --check-prefix=SARIF
// SARIF-DAG: warning atomic-misaligned check-tool-files.c:
// SARIF-DAG: warning atomic-mixed-access check-tool-other.c:
// SARIF: results: 2
// Bad usage is status 2.
// RUN: %expect-exit 2 syncsan-check 2>&1 | FileCheck %s --check-prefix=USAGE
// USAGE: syncsan-check: no input files
// RUN: %expect-exit 2 syncsan-check --frobnicate %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: syncsan-check: unknown option '--frobnicate'
// RUN: syncsan-check --list-checks | FileCheck %s --check-prefix=LIST
// LIST: atomic-misaligned
// LIST: fence-without-atomic
#include <stdatomic.h>

_Alignas(64) char page[128];
_Alignas(64) _Atomic long hits;

#ifdef WITH_BUG
int odd(void) {
  return atomic_load((_Atomic int *)(page + 2));
}
#endif
#ifdef COUNTER
void count(void) { hits++; }
#endif
