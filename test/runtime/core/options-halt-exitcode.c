// halt_on_error stops at the first error; exitcode sets the status; without
// halt the program runs to its end and exits with exitcode at exit.
// RUN: %syncsan-cc %O -g %S/Inputs/unlock-twice.c -o %t
// RUN: %expect-exit 66 %t > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=GO < %t.out
// RUN: env SYNCSAN_OPTIONS=halt_on_error=1 %expect-exit 66 %t > %t.halt 2>&1
// RUN: FileCheck %s --check-prefix=HALT < %t.halt
// RUN: env SYNCSAN_OPTIONS=halt_on_error=1:exitcode=3 %expect-exit 3 %t 2>&1 | FileCheck %s --check-prefix=HALT
// RUN: env SYNCSAN_OPTIONS=halt_on_error=true,exitcode=0 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=HALT

// GO: unlock-not-held {{.*}}unlock-twice.c:9 in release_twice
// GO: unlock-not-held {{.*}}unlock-twice.c:10 in release_twice
// GO: program finished
// GO: SyncSanitizer: 2 error reports

// HALT: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}unlock-twice.c:9 in release_twice
// HALT-NOT: unlock-twice.c:10
// HALT-NOT: program finished
