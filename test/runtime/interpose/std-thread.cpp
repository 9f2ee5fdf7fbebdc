// std::thread creates its threads inside libstdc++ (std::thread::
// _M_start_thread calls pthread_create there), which the pass never
// compiles: the pthread_create interposer registers them, with their
// parent and creation site (the call in libstdc++, with the stack above it
// up to the program's line), so reports describe them like the threads of
// instrumented pthread_create calls.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// With libstdc++ linked statically into the program, its pthread_create
// call binds to the interposer at link time: the same registration.
// RUN: %syncsan-cxx %O -g -static-libstdc++ %s -o %t-static-libstdcxx
// RUN: %expect-exit 66 %t-static-libstdcxx 2>&1 | FileCheck %s --check-prefix=STATIC-LIBSTDCXX
// STATIC-LIBSTDCXX: Thread T1 created by T0 at:
// STATIC-LIBSTDCXX-NOT: not created by instrumented code
// STATIC-LIBSTDCXX: SUMMARY: SyncSanitizer: lock-order-inversion
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T1 releases
// CHECK: Thread T1 created by T0 at:
// CHECK-NEXT: #0 std::thread::_M_start_thread{{.*}}libstdc++{{.*}} (pthread_create)
// CHECK-NOT: not created by instrumented code
// CHECK: #{{[0-9]+}} main {{.*}}std-thread.cpp:[[#@LINE+15]]
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK: Thread T3 created by T0 at:
// CHECK: Thread T2 created by T0 at:
// CHECK-NOT: not created by instrumented code
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion
#include <mutex>
#include <pthread.h>
#include <thread>

static pthread_mutex_t loose = PTHREAD_MUTEX_INITIALIZER;
static std::mutex a, b;

int main() {
  std::thread([] { pthread_mutex_unlock(&loose); }).join();
  std::thread([] {
    std::lock_guard<std::mutex> ga(a);
    std::lock_guard<std::mutex> gb(b);
  }).join();
  std::thread([] {
    std::lock_guard<std::mutex> gb(b);
    std::lock_guard<std::mutex> ga(a);
  }).join();
  return 0;
}
