// The diagnostic shape editors and CI log parsers read: gcc/clang's
// "file:line:col: warning: message [syncsan-ID]", the source line with its
// number in a gutter, a caret under the column (tabs expanded as clang
// does), and notes in the same shape.
// RUN: cd %S && %syncsan-cc -O2 -g -c diag-format.c -o %t.o 2>&1 | FileCheck %s --strict-whitespace --match-full-lines --implicit-check-not=syncsan-
#include <stdatomic.h>

_Alignas(64) char page[128];
int ready;

int odd(void) {
	return atomic_load((_Atomic int *)(page + 3));
}
void set(void) { __atomic_store_n(&ready, 1, __ATOMIC_RELEASE); }
int get(void) { return ready; }

// Checks that need the module before inlining report first.
// CHECK:diag-format.c:15:24: warning: plain load of 'ready', which is also written atomically: the two accesses may race, and a plain access racing with an atomic one is a data race; use an atomic load (memory_order_relaxed if it needs no ordering) [syncsan-atomic-mixed-access]
// CHECK-NEXT:   15 | int get(void) { return ready; }
// CHECK-NEXT:      |                        ^
// CHECK-NEXT:diag-format.c:14:18: note: atomic write of 'ready' here
// CHECK-NEXT:   14 | void set(void) { __atomic_store_n(&ready, 1, __ATOMIC_RELEASE); }
// CHECK-NEXT:      |                  ^
// CHECK-NEXT:diag-format.c:12:9: warning: misaligned 4-byte atomic load of 'page+3': it needs 4-byte alignment but the address is only 1-byte aligned (the address is 3 modulo 64) [syncsan-atomic-misaligned]
// CHECK-NEXT:   12 |         return atomic_load((_Atomic int *)(page + 3));
// CHECK-NEXT:      |                ^

