// atomic-invalid-order, literal orders: what the front-end plugin leaves
// alone. Nothing from syncsan at all, at any -O level.
// REQUIRES: syncsan-frontend
// RUN: %syncsan-cc -O0 -isystem %S/Inputs/sys -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan
// RUN: %syncsan-cc -O2 -isystem %S/Inputs/sys -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=syncsan
// The firing cases, switched off in the ways syncsan's checks are.
// RUN: %syncsan-cc -O2 -DINVALID -fsyncsan-disable=atomic-invalid-order -isystem %S/Inputs/sys -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=CLANG --implicit-check-not=syncsan
// RUN: %syncsan-cc -O2 -DINVALID -fsyncsan-disable='atomic-*' -isystem %S/Inputs/sys -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=CLANG --implicit-check-not=syncsan
// RUN: env SYNCSAN_PASS_OPTIONS=-syncsan-disable=syncsan-atomic-invalid-order %syncsan-cc -O2 -DINVALID -isystem %S/Inputs/sys -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=CLANG --implicit-check-not=syncsan
// -w silences it with clang's warning; -Werror then fails nothing.
// RUN: %syncsan-cc -O2 -DINVALID -w -Werror -isystem %S/Inputs/sys -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning --implicit-check-not=error
// Disabled, the check does not turn -Werror's failure into one of its own.
// RUN: %syncsan-cc -O2 -DINVALID -Werror -Wno-atomic-memory-ordering -fsyncsan-disable=atomic-invalid-order -isystem %S/Inputs/sys -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error
// CLANG: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
#include <stdatomic.h>
#include <literal_orders.h>

long g;
_Atomic int x;

// Valid literal orders, each for its operation.
long valid(long *e) {
  long r = __atomic_load_n(&g, __ATOMIC_ACQUIRE) + __atomic_load_n(&g, __ATOMIC_CONSUME);
  __atomic_store_n(&g, 1, __ATOMIC_RELEASE);
  __atomic_store_n(&g, 1, __ATOMIC_SEQ_CST);
  r += __atomic_exchange_n(&g, 2, __ATOMIC_ACQ_REL) + __atomic_fetch_sub(&g, 1, __ATOMIC_RELEASE);
  r += __atomic_compare_exchange_n(&g, e, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  r += atomic_load_explicit(&x, memory_order_relaxed);
  atomic_store_explicit(&x, 1, memory_order_release);
  r += atomic_fetch_add_explicit(&x, 1, memory_order_acq_rel);
  return r;
}

// A variable order is no literal: the pass checks it once it is constant,
// or at run time (an external function keeps it a variable here).
long variable(int o) { return __atomic_load_n(&g, o); }

// In a system header.
long through_system_header(void) { return sys_load_release(&g); }

#ifdef INVALID
long invalid(void) { return __atomic_load_n(&g, __ATOMIC_RELEASE); }
#endif
