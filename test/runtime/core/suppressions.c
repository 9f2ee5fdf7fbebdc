// suppressions=FILE silences matching reports (by function, file or lock
// name) without changing the exit status logic for the rest;
// print_suppressions=1 says what matched. A missing file is an error.
// RUN: %syncsan-cc %O -g %S/Inputs/unlock-twice.c -o %t
// RUN: printf '# comment\nunlock-not-held:release_tw*\n' > %t.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.supp:print_suppressions=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=SUPP
// RUN: printf 'unlock-not-held:unlock-twice.c\n' > %t.file.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.file.supp %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: printf 'double-lock:release_twice\n' > %t.other.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.other.supp %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=OTHER
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.missing %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=MISSING
// A file too large to read whole is refused, not silently cut short.
// RUN: head -c 70000 /dev/zero | tr '\0' '#' > %t.big.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.big.supp %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=BIG

// SUPP-NOT: ERROR: SyncSanitizer
// SUPP: program finished
// SUPP: Suppressions used:
// SUPP: 2  unlock-not-held:release_tw*

// QUIET-NOT: SyncSanitizer
// QUIET: program finished

// OTHER: ERROR: SyncSanitizer: unlock-not-held

// MISSING: syncsan: cannot open suppressions file
// MISSING-NOT: program finished

// BIG: syncsan: suppressions file '{{.*}}.big.supp' is larger than 65535 bytes
// BIG-NOT: program finished
