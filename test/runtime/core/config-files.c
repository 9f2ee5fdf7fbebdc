// The rules every configuration file follows (one reader for suppressions=,
// lock_levels= and later ones), shown on suppressions=. A directory, a NUL
// byte, an unknown check ID, a duplicate line or one line too many end the
// process with exitcode before the program runs, naming the file (and line).
// RUN: %syncsan-cc %O -g %S/Inputs/unlock-twice.c -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.dir %expect-exit 66 %t > %t.dir.out 2>&1
// RUN: FileCheck %s --check-prefix=DIR < %t.dir.out
// RUN: printf '# comment\nunlock-not-held:release\000_twice\n' > %t.nul.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.nul.supp %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NUL
// RUN: printf '# comment\nunlock-not-hold:release_twice\n' > %t.unknown.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.unknown.supp %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: printf 'unlock-not-held:release_twice\n*:release_twice\nunlock-not-held: release_twice\n' > %t.dup.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.dup.supp %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=DUP
// RUN: seq 1 257 | sed 's/^/unlock-not-held:f/' > %t.many.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.many.supp %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=MANY
//
// Near misses: CRLF line ends, comment lines, a comment after a blank, blank
// lines, '*' and the IDs of families still to come are all fine; 256
// suppressions fit.
// RUN: printf '# comment\r\nbarrier-stall:nothing  # why\r\n\r\n  unlock-not-held:release_tw* \r\n*:no_such_function\r\n' > %t.crlf.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.crlf.supp:print_suppressions=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=CRLF
// RUN: seq 1 255 | sed 's/^/unlock-not-held:f/' > %t.fit.supp && echo 'unlock-not-held:release_twice' >> %t.fit.supp
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.fit.supp %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=FIT
// Every ID in docs/checks.md's table is a valid suppression ID.
// RUN: grep -o '^| [a-z]* | \[`[a-z-]*`\]' %srcroot/docs/checks.md | sed 's/.*`\(.*\)`.*/\1:no_such_function/' > %t.ids.supp
// RUN: test "$(wc -l < %t.ids.supp)" -ge 18
// RUN: env SYNCSAN_OPTIONS=suppressions=%t.ids.supp %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=IDS

// DIR: syncsan: suppressions file '{{.*}}.dir' is a directory
// DIR-NOT: program finished

// NUL: syncsan: {{.*}}.nul.supp:2: a NUL byte; suppressions files are text
// NUL-NOT: program finished

// UNKNOWN: syncsan: {{.*}}.unknown.supp:2: unknown check ID 'unlock-not-hold'
// UNKNOWN-NOT: program finished

// DUP: syncsan: {{.*}}.dup.supp:3: duplicate suppression 'unlock-not-held:release_twice' (first on line 1)
// DUP-NOT: program finished

// MANY: syncsan: {{.*}}.many.supp:257: more than 256 suppressions
// MANY-NOT: program finished

// CRLF-NOT: syncsan:
// CRLF-NOT: ERROR: SyncSanitizer
// CRLF: program finished
// CRLF: Suppressions used:
// CRLF: 2  unlock-not-held:release_tw*

// FIT-NOT: syncsan:
// FIT-NOT: ERROR: SyncSanitizer
// FIT: program finished

// IDS-NOT: syncsan:
// IDS: ERROR: SyncSanitizer: unlock-not-held
// IDS: program finished
