// atomic-invalid-order, literal orders: clang's code generation drops the
// operation (or makes a compare-exchange's failure relaxed), so only the
// front-end plugin can report them, beside clang's -Watomic-memory-ordering.
// The front end does not depend on -O (test/pass/ runs in the -O2 suite
// only, so the levels are written out).
// REQUIRES: syncsan-frontend
// RUN: %syncsan-cc -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
// RUN: %syncsan-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
// RUN: %syncsan-cc -O2 -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
// -Werror makes it an error, like clang's own warnings; -Wno-error undoes it.
// RUN: %expect-exit 1 %syncsan-cc -O2 -Werror -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=WERROR
// RUN: %syncsan-cc -O2 -Werror -Wno-error -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
// Its own ID alone fails the compile (clang's warning switched off).
// RUN: %expect-exit 1 %syncsan-cc -O2 -Werror -Wno-atomic-memory-ordering -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ONLY --implicit-check-not=Watomic-memory-ordering
// -fsyncsan-werror does too, and only for syncsan's IDs.
// RUN: %expect-exit 1 %syncsan-cc -O2 -fsyncsan-werror=atomic-invalid-order -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=SSERROR
// The diagnostic formats apply to it as to clang's warnings.
// RUN: %syncsan-cc -O2 -fdiagnostics-format=msvc -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=MSVC
#include <stdatomic.h>

long g;
_Atomic int x;

long load_release(void) {
  return __atomic_load_n(&g, __ATOMIC_RELEASE);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:30: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:30: warning: memory_order_release is not a valid order for an atomic load (use relaxed, consume, acquire or seq_cst); clang compiles this operation to nothing: it is not performed at all [syncsan-atomic-invalid-order]
  // WERROR: atomic-invalid-order-literal.c:[[@LINE-3]]:30: error: memory order argument to atomic operation is invalid [-Werror,-Watomic-memory-ordering]
  // WERROR: atomic-invalid-order-literal.c:[[@LINE-4]]:30: error: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
  // SSERROR: atomic-invalid-order-literal.c:[[@LINE-5]]:30: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // SSERROR: atomic-invalid-order-literal.c:[[@LINE-6]]:30: error: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
  // ONLY: atomic-invalid-order-literal.c:[[@LINE-7]]:30: error: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
  // MSVC: atomic-invalid-order-literal.c([[@LINE-8]],30): warning: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
}

void store_acquire(void) {
  __atomic_store_n(&g, 1, __ATOMIC_ACQUIRE);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:27: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:27: warning: memory_order_acquire is not a valid order for an atomic store (use relaxed, release or seq_cst); clang compiles this operation to nothing: it is not performed at all [syncsan-atomic-invalid-order]
}

// Any order suits a read-modify-write, but not one out of range.
long rmw(void) {
  long r = __atomic_exchange_n(&g, 2, __ATOMIC_ACQ_REL);
  r += __atomic_fetch_add(&g, 1, __ATOMIC_CONSUME);
  return r + __atomic_fetch_or(&g, 1, 7);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:39: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:39: warning: an out-of-range memory order (7) is not a valid order for an atomic read-modify-write (use one of memory_order_relaxed ... memory_order_seq_cst); clang compiles this operation to nothing: it is not performed at all [syncsan-atomic-invalid-order]
}

int cas_release_failure(long *e) {
  return __atomic_compare_exchange_n(&g, e, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELEASE);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:69: warning: failure memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:69: warning: memory_order_release is not a valid order for the failure of a compare-exchange (use relaxed, consume, acquire or seq_cst: a failed compare-exchange only loads); clang compiles the failure as relaxed [syncsan-atomic-invalid-order]
}

// C11's generic functions are macros over clang's __c11 builtins.
int c11_load_release(void) {
  return atomic_load_explicit(&x, memory_order_release);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:35: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:35: warning: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
}

void c11_store_acq_rel(void) {
  atomic_store_explicit(&x, 1, memory_order_acq_rel);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:32: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:32: warning: memory_order_acq_rel is not a valid order for an atomic store {{.*}}[syncsan-atomic-invalid-order]
}

int c11_cas_acq_rel_failure(int *e) {
  return atomic_compare_exchange_weak_explicit(&x, e, 1, memory_order_acq_rel, memory_order_acq_rel);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:80: warning: failure memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:80: warning: memory_order_acq_rel is not a valid order for the failure of a compare-exchange {{.*}}[syncsan-atomic-invalid-order]
}

// A constant expression is a literal order too.
enum { MY_ORDER = memory_order_acquire + 1 };
void enum_order(void) {
  __c11_atomic_store(&x, 1, MY_ORDER - 1);
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-1]]:29: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.c:[[@LINE-2]]:29: warning: memory_order_acquire is not a valid order for an atomic store {{.*}}[syncsan-atomic-invalid-order]
}
