// atomic-invalid-order at run time through std::atomic: the order reaches
// libstdc++'s member function as a variable, and the report names the
// user's call, at every -O level. A valid variable order is silent.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
#include <atomic>
#include <cstdio>

std::atomic<int> a{3};
__attribute__((noinline)) int get(std::memory_order o) { return a.load(o); }
__attribute__((noinline)) void put(int v, std::memory_order o) { a.store(v, o); }

int main(int argc, char **) {
  int sum = get(static_cast<std::memory_order>(argc + 2)); // release
  sum += get(std::memory_order_acquire);
  put(4, std::memory_order_release);
  std::printf("sum %d %d\n", sum, a.load());
  return 0;
}
// CHECK: ERROR: SyncSanitizer: atomic-invalid-order: memory_order_release is not a valid order for an atomic load (use relaxed, consume, acquire or seq_cst)
// CHECK-NEXT: atomic load by thread T0:
// CHECK-NEXT: #0 get(std::memory_order) {{.*}}atomic-invalid-order.cpp:10:67 (atomic load)
// CHECK-NEXT: #1 main {{.*}}atomic-invalid-order.cpp:14:
// CHECK: SUMMARY: SyncSanitizer: atomic-invalid-order {{.*}}atomic-invalid-order.cpp:10 in get(std::memory_order)
// CHECK: sum 6 4
// CHECK: SyncSanitizer: 1 error report
