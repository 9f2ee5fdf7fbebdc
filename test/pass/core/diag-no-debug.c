// Without debug info a diagnostic names the file and the function, and a
// note (once per file) says that -g gives lines and columns.
// RUN: cd %S && %syncsan-cc -O2 -c diag-no-debug.c -o %t.o 2>&1 | FileCheck %s --match-full-lines --implicit-check-not=syncsan-
#include <stdatomic.h>

_Alignas(64) char page[128];

int first(void) { return atomic_load((_Atomic int *)(page + 1)); }
int second(void) { return atomic_load((_Atomic int *)(page + 2)); }
// CHECK:diag-no-debug.c: warning: in function 'first': misaligned 4-byte atomic load of 'page+1': it needs 4-byte alignment but the address is only 1-byte aligned (the address is 1 modulo 64) [syncsan-atomic-misaligned]
// CHECK-NEXT:diag-no-debug.c: note: compile with -g for the line and column of syncsan diagnostics
// CHECK-NEXT:diag-no-debug.c: warning: in function 'second': misaligned 4-byte atomic load of 'page+2': it needs 4-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 64) [syncsan-atomic-misaligned]
