// A real-size, atomics-heavy C program (Inputs/atomic_heavy.c: locks,
// seqlock, rings and queues, stacks, hazard pointers, epochs, work
// stealing...) draws no diagnostic at any -O level where none is due, and
// with -DWITH_BUGS exactly its marked bugs are reported.
// RUN: %syncsan-cc -O0 -g -c %S/Inputs/atomic_heavy.c -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O1 -g -c %S/Inputs/atomic_heavy.c -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %S/Inputs/atomic_heavy.c -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O3 -g -c %S/Inputs/atomic_heavy.c -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// RUN: %syncsan-cc -Os -g -c %S/Inputs/atomic_heavy.c -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// Remarks on: its counters are relaxed already, so none.
// RUN: %syncsan-cc -O2 -g -c %S/Inputs/atomic_heavy.c -o %t.o -fsyncsan-remarks 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan-
// CHECK-NOT: syncsan-
//
// The marked bugs, and nothing else.
// RUN: cd %S/Inputs && %syncsan-cc -O2 -g -DWITH_BUGS -c atomic_heavy.c -o %t.o 2> %t.bugs
// RUN: FileCheck %S/Inputs/atomic_heavy.c --check-prefix=BUG < %t.bugs
// RUN: grep -c 'syncsan-' %t.bugs | FileCheck %s --check-prefix=SIX
// RUN: cd %S/Inputs && %syncsan-cc -O1 -g -DWITH_BUGS -c atomic_heavy.c -o %t.o 2> %t.bugs1
// RUN: FileCheck %S/Inputs/atomic_heavy.c --check-prefix=BUG < %t.bugs1
// RUN: grep -c 'syncsan-' %t.bugs1 | FileCheck %s --check-prefix=SIX
// SIX: {{^6$}}
//
// Without debug info, static init helpers are judged at their call sites,
// but C's atomic_init through a pointer loaded from memory looks like any
// plain store: that one diagnostic says to compile with -g.
// RUN: %syncsan-cc -O2 -c %S/Inputs/atomic_heavy.c -o %t.o 2>&1 | FileCheck %s --check-prefix=NODEBUG --implicit-check-not=syncsan-
// NODEBUG: atomic_heavy.c: warning: in function 'mpmc_init': plain store to the field at offset 0 of 'struct mpmc_cell'{{.*}}(if this is atomic_init of an _Atomic object, compile with -g so syncsan can tell) [syncsan-atomic-mixed-access]
