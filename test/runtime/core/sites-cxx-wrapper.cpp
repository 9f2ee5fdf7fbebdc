// std::mutex reaches pthread_mutex_lock through libstdc++'s inline wrappers;
// reports name the user's lines at every -O level (at -O0 through the
// caller-site record: "via std::mutex::lock()").
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <mutex>

std::mutex mu;

int main() {
  mu.lock();
  mu.lock();
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}}
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}sites-cxx-wrapper.cpp:12:6
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}sites-cxx-wrapper.cpp:11:6
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}sites-cxx-wrapper.cpp:12 in main
