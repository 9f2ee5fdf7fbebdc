// std::thread::join orders like pthread_join: the worker's 'a' -> 'b' ends
// before main's 'b' -> 'a', so nothing is reported. Joining a thread that
// is not joinable throws std::system_error through the hook, which leaves
// nothing behind: the threads after it are still created through the
// hooks and checked (an inversion between two live threads is reported).
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 0 %t joined 2>&1 | FileCheck %s --check-prefix=JOINED --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 66 %t throws 2>&1 | FileCheck %s --check-prefix=THROWS --implicit-check-not='not created by instrumented'
// JOINED: ok
// THROWS: caught 22
// THROWS: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'b' -> 'a' -> 'b'
// THROWS: Thread T2 acquires 'a' while holding 'b' (this closes the cycle):
// THROWS: Thread T1 acquired 'b' while holding 'a':
// THROWS: SyncSanitizer: 1 error report
#include <atomic>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

static std::mutex a, b;

static void a_then_b() {
  std::lock_guard<std::mutex> ga(a);
  std::lock_guard<std::mutex> gb(b);
}

static void b_then_a() {
  std::lock_guard<std::mutex> gb(b);
  std::lock_guard<std::mutex> ga(a);
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "throws")) {
    std::thread none;
    try {
      none.join();
    } catch (const std::system_error &e) {
      std::fprintf(stderr, "caught %d\n", e.code().value());
    }
    // T1 and T2 both run while main waits for them: nothing but a flag
    // (no join) orders them, which a deadlock need not respect.
    std::atomic<bool> done{false};
    std::thread t1([&] {
      a_then_b();
      done = true;
    });
    std::thread t2([&] {
      while (!done)
        std::this_thread::yield();
      b_then_a();
    });
    t2.join();
    t1.join();
    return 0;
  }
  std::thread worker(a_then_b);
  worker.join();
  b_then_a();
  std::printf("ok\n");
  return 0;
}
