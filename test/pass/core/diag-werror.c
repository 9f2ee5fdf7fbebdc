// Error mode: warnings become errors and the compile fails, for every check
// (-fsyncsan-werror) or only for some (-fsyncsan-werror=ID,...). A clean
// file still compiles.
// RUN: %expect-exit 1 %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-werror 2>&1 | FileCheck %s --check-prefix=ALL
// Checks that need the module before inlining report first.
// ALL: diag-werror.c:{{[0-9]+}}:24: error: plain load of 'flag'{{.*}} [syncsan-atomic-mixed-access]
// ALL: diag-werror.c:{{[0-9]+}}:10: error: misaligned {{.*}} [syncsan-atomic-misaligned]
// ALL: error: syncsan: 2 diagnostics treated as errors (-fsyncsan-werror)
// RUN: %expect-exit 1 %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-werror=atomic-mis* 2>&1 | FileCheck %s --check-prefix=SOME
// SOME: warning: plain load of 'flag'{{.*}} [syncsan-atomic-mixed-access]
// SOME: error: misaligned {{.*}} [syncsan-atomic-misaligned]
// SOME: error: syncsan: 1 diagnostic treated as error (-fsyncsan-werror)
// The environment variable works the same way as the wrapper's flags.
// RUN: env SYNCSAN_PASS_OPTIONS=-syncsan-werror %expect-exit 1 %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-werror -DCLEAN 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: syncsan
#include <stdatomic.h>

_Alignas(64) char page[128];
int flag;

#ifndef CLEAN
int odd(void) {
  return atomic_load((_Atomic int *)(page + 1));
}
void set(void) { __atomic_store_n(&flag, 1, __ATOMIC_RELEASE); }
int get(void) { return flag; }
#else
int even(void) { return atomic_load((_Atomic int *)(page + 4)); }
#endif
