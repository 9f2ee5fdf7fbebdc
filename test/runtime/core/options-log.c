// log_path sends reports to <path>.<pid>, leaving stderr clean; log_format=json
// prints one JSON object per report.
// RUN: %syncsan-cc %O -g %S/Inputs/unlock-twice.c -o %t
// RUN: rm -f %t.log.*
// RUN: env SYNCSAN_OPTIONS=log_path=%t.log %expect-exit 66 %t > %t.stdout 2> %t.stderr
// RUN: FileCheck %s --check-prefix=STDOUT < %t.stdout
// RUN: FileCheck %s --check-prefix=STDERR --allow-empty < %t.stderr
// RUN: cat %t.log.* | FileCheck %s --check-prefix=LOG
// RUN: env SYNCSAN_OPTIONS=log_format=json %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=JSON

// STDOUT: program finished
// STDERR-NOT: SyncSanitizer
// LOG: ERROR: SyncSanitizer: unlock-not-held
// LOG: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}unlock-twice.c:9 in release_twice

// JSON: {"tool":"syncsan","pid":{{[0-9]+}},"severity":"error","check":"unlock-not-held","message":"thread T0 releases mutex M{{[0-9]+}} 'g_lock' (0x{{[0-9a-f]+}}) that it does not hold","sections":[{"title":"Release by thread T0","site":{"function":"release_twice","file":"{{[^"]*}}unlock-twice.c","line":9,"column":3,"operation":"pthread_mutex_unlock"},"frames":[{"pc":"0x{{[0-9a-f]+}}","function":"{{main|release_twice}}"
// JSON-SAME: "location":{"function":"release_twice","file":"{{[^"]*}}unlock-twice.c","line":9,"column":3,"operation":"pthread_mutex_unlock"}}
// JSON: "check":"unlock-not-held"
