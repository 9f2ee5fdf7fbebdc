// The real-size atomics program of test/pass/atomics/Inputs runs under syncsan
// with its unproven atomics going through the hooks: its own invariant
// checks all pass and the runtime reports nothing.
// RUN: %syncsan-cc %O -g %S/../../pass/atomics/Inputs/atomic_heavy.c -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: all checks passed
