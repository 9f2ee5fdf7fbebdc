// atomic-invalid-order, literal orders in C++: the builtins written out are
// the front-end plugin's; std::atomic's members pass the order on as a
// parameter inside libstdc++ (a system header), which leaves it to the
// pass: after inlining (-O2) or at run time (-O0).
// REQUIRES: syncsan-frontend
// RUN: %syncsan-cxx -O0 -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
// RUN: %syncsan-cxx -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefixes=CHECK,O2 --implicit-check-not=syncsan-atomic
#include <atomic>

long g;
std::atomic<int> a;

long builtin_load_release() {
  return __atomic_load_n(&g, __ATOMIC_ACQ_REL);
  // CHECK: atomic-invalid-order-literal.cpp:[[@LINE-1]]:30: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.cpp:[[@LINE-2]]:30: warning: memory_order_acq_rel is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]
}

// Not dependent on the template's parameter: reported once, for the
// template and its explicit instantiations.
template <class T> void store_acquire(T v) {
  __atomic_store_n(&g, long(v), __ATOMIC_ACQUIRE);
  // CHECK: atomic-invalid-order-literal.cpp:[[@LINE-1]]:33: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
  // CHECK: atomic-invalid-order-literal.cpp:[[@LINE-2]]:33: warning: memory_order_acquire is not a valid order for an atomic store {{.*}}[syncsan-atomic-invalid-order]
}
template void store_acquire<int>(int);
template void store_acquire<short>(short);

// Dependent on it: checked in each instantiation, reported once (clang
// warns there too, at the end of the translation unit).
template <class T> T load_as(T *p) { return __atomic_load_n(p, __ATOMIC_RELEASE); }
long use_load_as(int *i) { return load_as(&g) + load_as(i); }
// CHECK: atomic-invalid-order-literal.cpp:[[@LINE-2]]:64: warning: memory order argument to atomic operation is invalid [-Watomic-memory-ordering]
// CHECK: atomic-invalid-order-literal.cpp:[[@LINE-3]]:64: warning: memory_order_release is not a valid order for an atomic load {{.*}}[syncsan-atomic-invalid-order]

// libstdc++'s load takes the order as a parameter: silent here at -O0
// (checked at run time); at -O2 the pass reports it once inlined.
int member_load() { return a.load(std::memory_order_release); }
// O2: atomic-invalid-order-literal.cpp:[[@LINE-1]]:30: warning: memory_order_release is not a valid order for an atomic load {{.*}}; the order is a variable that only becomes constant after inlining {{.*}}[syncsan-atomic-invalid-order]
