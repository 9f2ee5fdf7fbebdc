// Every option has a valid range or set of values. A value outside it, an
// overflowing number or an empty log_path is reported in one line naming the
// option and what is valid, and the option keeps its value: the errors below
// still end in exitcode 66, and reports still go to stderr.
// RUN: %syncsan-cc %O -g %S/Inputs/unlock-twice.c -o %t
// RUN: env SYNCSAN_OPTIONS=exitcode=256 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=EXIT256
// RUN: env SYNCSAN_OPTIONS=exitcode=4294967362 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=EXITBIG
// RUN: env SYNCSAN_OPTIONS=exitcode=99999999999999999999 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=EXITERANGE
// RUN: env SYNCSAN_OPTIONS=exitcode=-1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=EXITNEG
// RUN: env SYNCSAN_OPTIONS=log_format=xml %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: env SYNCSAN_OPTIONS=cache_line_size=17:cache_line_size=8:cache_line_size=8192 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=LINE
// RUN: env SYNCSAN_OPTIONS=max_locks=-5:max_lock_edges=-1:deadlock_timeout_ms=-3:max_threads=-1:max_lock_classes=-1:max_held_locks=-1:lock_hold_warn_ms=-1:contention_threshold_ns=-1:verbosity=-1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: env SYNCSAN_OPTIONS=max_threads=0:max_held_locks=31:deadlock_timeout_ms=86400001 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=BOUNDS
// RUN: env SYNCSAN_OPTIONS=log_path= %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=LOGPATH
// RUN: env SYNCSAN_OPTIONS=help=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=HELP
//
// Near misses: boundary values, the other enumerated value, and an empty
// suppressions= (no file) are silent.
// RUN: env SYNCSAN_OPTIONS=exitcode=0 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=OK
// RUN: env SYNCSAN_OPTIONS=exitcode=255 %expect-exit 255 %t 2>&1 | FileCheck %s --check-prefix=OK
// RUN: env SYNCSAN_OPTIONS=cache_line_size=16:log_format=text:suppressions=:lock_levels=:max_locks=0:max_threads=1:max_held_locks=32:deadlock_timeout_ms=0:verbosity=2 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=OK
// RUN: env SYNCSAN_OPTIONS=cache_line_size=4096:exitcode=0x3 %expect-exit 3 %t 2>&1 | FileCheck %s --check-prefix=OK

// EXIT256: syncsan: SYNCSAN_OPTIONS: bad value '256' for option 'exitcode'; ignored (valid: 0..255; keeping 66)
// EXIT256: ERROR: SyncSanitizer: unlock-not-held
// EXIT256: program finished

// EXITBIG: bad value '4294967362' for option 'exitcode'; ignored (valid: 0..255; keeping 66)
// EXITERANGE: bad value '99999999999999999999' for option 'exitcode'; ignored (valid: 0..255; keeping 66)
// EXITNEG: bad value '-1' for option 'exitcode'; ignored (valid: 0..255; keeping 66)

// FORMAT: bad value 'xml' for option 'log_format'; ignored (valid: text|json; keeping 'text')
// FORMAT: ERROR: SyncSanitizer: unlock-not-held

// LINE: bad value '17' for option 'cache_line_size'; ignored (valid: a power of two in 16..4096; keeping 64)
// LINE: bad value '8' for option 'cache_line_size'; ignored (valid: a power of two in 16..4096; keeping 64)
// LINE: bad value '8192' for option 'cache_line_size'; ignored (valid: a power of two in 16..4096; keeping 64)

// NEG: bad value '-5' for option 'max_locks'; ignored (valid: 0..1073741824; keeping 1048576)
// NEG: bad value '-1' for option 'max_lock_edges'; ignored (valid: 0..1073741824; keeping 262144)
// NEG: bad value '-3' for option 'deadlock_timeout_ms'; ignored (valid: 0..86400000; keeping 1000)
// NEG: bad value '-1' for option 'max_threads'; ignored (valid: 1..1048576; keeping 4096)
// NEG: bad value '-1' for option 'max_lock_classes'; ignored (valid: 0..16777216; keeping 65536)
// NEG: bad value '-1' for option 'max_held_locks'; ignored (valid: 32..1048576; keeping 1024)
// NEG: bad value '-1' for option 'lock_hold_warn_ms'; ignored (valid: 0..86400000; keeping 0)
// NEG: bad value '-1' for option 'contention_threshold_ns'; ignored (valid: 0..1000000000; keeping 1000)
// NEG: bad value '-1' for option 'verbosity'; ignored (valid: 0..2; keeping 0)
// NEG: ERROR: SyncSanitizer: unlock-not-held
// NEG: program finished

// BOUNDS: bad value '0' for option 'max_threads'; ignored (valid: 1..1048576; keeping 4096)
// BOUNDS: bad value '31' for option 'max_held_locks'; ignored (valid: 32..1048576; keeping 1024)
// BOUNDS: bad value '86400001' for option 'deadlock_timeout_ms'; ignored (valid: 0..86400000; keeping 1000)

// LOGPATH: bad value '' for option 'log_path'; ignored (valid: not empty; keeping 'stderr')
// LOGPATH: ERROR: SyncSanitizer: unlock-not-held

// HELP: {{^[[:space:]]*exitcode$}}
// HELP-NEXT: Exit status of a process that reported an error. (0..255; current 66)
// HELP: {{^[[:space:]]*log_format$}}
// HELP-NEXT: (text|json; current 'text')
// HELP: {{^[[:space:]]*suppressions$}}
// HELP-NEXT: (a file; empty for none; current '')
// HELP: {{^[[:space:]]*max_held_locks$}}
// HELP-NEXT: (32..1048576; current 1024)
// HELP: {{^[[:space:]]*cache_line_size$}}
// HELP-NEXT: (a power of two in 16..4096; current 64)

// OK-NOT: bad value
// OK: program finished
// OK-NOT: bad value
