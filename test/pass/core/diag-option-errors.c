// A pass option that would silently do nothing fails the compile instead:
// an unknown check ID in -fsyncsan-werror=, -disable= or -enable= (a typo
// would turn a CI gate off), an unknown pass option, a bad value, an empty
// or unwritable -fsyncsan-sarif=. IDs may carry the printed "syncsan-"
// prefix, and '*' patterns that match a check are fine.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-werror=atomic-misalign 2>&1 | FileCheck %s --check-prefix=WERROR
// WERROR: error: syncsan: unknown check ID 'atomic-misalign' in -fsyncsan-werror= (the compile-time checks: atomic-false-sharing, {{.*}}atomic-misaligned,
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-disable=atomic-mixed-access,nosuch 2>&1 | FileCheck %s --check-prefix=DISABLE
// DISABLE: error: syncsan: unknown check ID 'nosuch' in -fsyncsan-disable=
// DISABLE-NOT: atomic-mixed-access'
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-enable=lock-order-inversion 2>&1 | FileCheck %s --check-prefix=RUNTIME-ID
// RUNTIME-ID: error: syncsan: unknown check ID 'lock-order-inversion' in -fsyncsan-enable=
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-werror=, 2>&1 | FileCheck %s --check-prefix=EMPTY-ID
// EMPTY-ID: error: syncsan: empty check ID in -fsyncsan-werror=
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-no-such-option 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: syncsan: unknown pass option '-syncsan-no-such-option'
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-instrument-locks=maybe 2>&1 | FileCheck %s --check-prefix=BADVAL
// BADVAL: error: syncsan: bad value in pass option '-syncsan-instrument-locks=maybe'
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-cache-line-size=17 2>&1 | FileCheck %s --check-prefix=LINE
// LINE: error: syncsan: -fsyncsan-cache-line-size=17 is not a power of two between 16 and 4096
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-sarif= 2>&1 | FileCheck %s --check-prefix=SARIF-EMPTY
// SARIF-EMPTY: error: syncsan: -fsyncsan-sarif= needs a file or directory name
// RUN: %expect-exit 1 %syncsan-cc -c %s -o %t/a.o -fsyncsan-sarif=%t/no/such/dir/x.sarif 2>&1 | FileCheck %s --check-prefix=SARIF-BAD
// SARIF-BAD: error: syncsan: cannot write the SARIF log (-fsyncsan-sarif=): {{.*}}x.sarif:
// Near misses: the printed form, wildcards, 'all', and a bare -fsyncsan-werror.
// RUN: %syncsan-cc -c %s -o %t/a.o -fsyncsan-werror=syncsan-atomic-split-line -fsyncsan-enable='atomic-*' -fsyncsan-disable=all,syncsan-fence-without-atomic 2>&1 | FileCheck %s --check-prefix=OK --allow-empty
// RUN: %syncsan-cc -c %s -o %t/a.o -fsyncsan-werror -fsyncsan-cache-line-size=128 -fsyncsan-sarif=%t/ok.sarif 2>&1 | FileCheck %s --check-prefix=OK --allow-empty
// OK-NOT: error
// RUN: test -s %t/ok.sarif
#include <stdatomic.h>

_Atomic int counter;

int get(void) { return atomic_load(&counter); }
