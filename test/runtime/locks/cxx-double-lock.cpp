// double-lock through std::mutex: a lock_guard holds the mutex and the same
// thread calls lock() again. The report names the user's lines at -O0 (no
// inlining: the call is inside libstdc++'s headers) and at -O2.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <cstdio>
#include <mutex>

std::mutex g_mu;

static void helper() { g_mu.lock(); }

int main() {
  std::lock_guard<std::mutex> g(g_mu);
  helper();
  std::fprintf(stderr, "not reached\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} {{.*}}that it already holds; the thread would block on itself forever
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 helper() {{.*}}cxx-double-lock.cpp:11:
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}cxx-double-lock.cpp:14:
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}cxx-double-lock.cpp:11 in helper()
// CHECK-NOT: not reached
