// std::atomic's member functions take the order as a parameter, so clang
// never sees a literal: an invalid order is caught once the member function
// is inlined into the caller that passes it (-O1 and above).
// RUN: %syncsan-cxx -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cxx -O1 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <atomic>

std::atomic<int> flag;
std::atomic<long> value;

int load_release() {
  return flag.load(std::memory_order_release);
  // CHECK: atomic-invalid-order.cpp:[[@LINE-1]]:15: warning: memory_order_release is not a valid order for an atomic load (use relaxed, consume, acquire or seq_cst);{{.*}} [syncsan-atomic-invalid-order]
}
void store_acquire(long v) {
  value.store(v, std::memory_order_acquire);
  // CHECK: atomic-invalid-order.cpp:[[@LINE-1]]:9: warning: memory_order_acquire is not a valid order for an atomic store (use relaxed, release or seq_cst);{{.*}} [syncsan-atomic-invalid-order]
}
bool cas_failure_acq_rel(long &e) {
  return value.compare_exchange_strong(e, 1, std::memory_order_seq_cst, std::memory_order_acq_rel);
  // CHECK: atomic-invalid-order.cpp:[[@LINE-1]]:16: warning: memory_order_acq_rel is not a valid order for the failure of a compare-exchange{{.*}} [syncsan-atomic-invalid-order]
}

// Near misses: valid orders; the one-order compare_exchange derives a valid
// failure order; C++17 allows a failure order stronger than the success one.
int ok_load() { return flag.load(std::memory_order_acquire); }
void ok_store() { value.store(2, std::memory_order_release); }
bool ok_cas(long &e) { return value.compare_exchange_weak(e, 3, std::memory_order_acq_rel); }
bool ok_stronger_failure(long &e) {
  return value.compare_exchange_strong(e, 4, std::memory_order_relaxed, std::memory_order_acquire);
}
