// help=1 lists every option and exits 0 before the program runs; unknown
// options and bad values are reported and ignored; __syncsan_default_options
// supplies defaults that SYNCSAN_OPTIONS overrides.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=help=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=HELP
// RUN: env SYNCSAN_OPTIONS=no_such_option=1:exitcode=abc %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: env SYNCSAN_OPTIONS=verbosity=0 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET
#include <stdio.h>

const char *__syncsan_default_options(void) { return "verbosity=1"; }

int main(void) {
  printf("main ran\n");
  return 0;
}
// HELP: Available flags for SyncSanitizer
// HELP: help
// HELP: halt_on_error
// HELP: exitcode
// HELP: log_path
// HELP: log_format
// HELP: suppressions
// HELP-NOT: main ran

// BAD: syncsan: SYNCSAN_OPTIONS: unknown option 'no_such_option'; ignored
// BAD: syncsan: SYNCSAN_OPTIONS: bad value 'abc' for option 'exitcode'; ignored
// BAD: main ran

// DEFAULT: SyncSanitizer: runtime initialised
// DEFAULT: main ran
// DEFAULT: SyncSanitizer: 0 error reports

// QUIET-NOT: SyncSanitizer
// QUIET: main ran
// QUIET-NOT: SyncSanitizer
