// deadlock_action=fail through std::mutex: libstdc++'s lock() turns the
// refused pthread_mutex_lock's EDEADLK into std::system_error
// (resource_deadlock_would_occur), which the program catches; the
// lock_guard's unlock at the end is the only one, and silent.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_action=fail %expect-exit 66 %t 2>&1 | FileCheck %s
#include <cstdio>
#include <mutex>
#include <system_error>

std::mutex mu;

int main() {
  {
    std::lock_guard<std::mutex> g(mu);
    try {
      mu.lock();
      std::fprintf(stderr, "not reached\n");
    } catch (const std::system_error &e) {
      std::fprintf(stderr, "recovered: %s\n",
                   e.code() == std::errc::resource_deadlock_would_occur ? "EDEADLK" : "other");
    }
  }
  std::fprintf(stderr, "program finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'mu' (0x{{[0-9a-f]+}}) that it already holds; deadlock_action=fail: the call returns EDEADLK without locking
// CHECK-NOT: ending the process
// CHECK-NOT: not reached
// CHECK: recovered: EDEADLK
// CHECK-NOT: SyncSanitizer
// CHECK: program finished
