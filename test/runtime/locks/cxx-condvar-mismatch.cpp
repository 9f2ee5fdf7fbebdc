// std::condition_variable used with two std::mutexes at once: one thread
// in wait() (out of line, in libstdc++) with one mutex, the other in
// wait_for() (inline: pthread_cond_clockwait) with another mutex.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex g_a, g_b;
std::condition_variable g_cv;
bool ready, done;

int main() {
  std::thread t([] {
    std::unique_lock<std::mutex> l(g_a);
    ready = true;
    while (!done)
      g_cv.wait(l);
  });
  for (bool seen = false; !seen;) {
    std::lock_guard<std::mutex> g(g_a);
    seen = ready;
  }
  {
    std::unique_lock<std::mutex> l(g_b);
    g_cv.wait_for(l, std::chrono::milliseconds(1));
  }
  {
    std::lock_guard<std::mutex> g(g_a);
    done = true;
    g_cv.notify_all();
  }
  t.join();
  std::fprintf(stderr, "joined\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: condvar-mutex-mismatch: thread T0 waits on condvar C{{[0-9]+}} 'g_cv' (0x{{[0-9a-f]+}}) with mutex M{{[0-9]+}} {{.*}} while 1 other waiter uses mutex M{{[0-9]+}}
// CHECK-NEXT: Wait with mutex {{.*}} by thread T0:
// CHECK-NEXT: #0 main {{.*}}cxx-condvar-mismatch.cpp:29:
// CHECK: Wait with mutex {{.*}} by thread T1, still waiting:
// CHECK-NEXT: #0 main::$_0::operator()() const {{.*}}cxx-condvar-mismatch.cpp:21:
// CHECK: SUMMARY: SyncSanitizer: condvar-mutex-mismatch {{.*}}cxx-condvar-mismatch.cpp:29 in main
// CHECK: joined
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
