// The pthread barrier's checks at a std::barrier. lock: main waits at the
// barrier holding 'shared', which the other participant (a user since the
// first phase) takes before it arrives: barrier-lock-held. double: main arrives (arrive()) and then
// arrives again (arrive_and_wait) in the same phase, before the worker's
// late arrival: barrier-double-wait, and halt_on_error ends the process
// (libstdc++'s tree barrier does not survive it: the two arrivals of one
// thread land on the same node, and the phase never completes). The near
// misses: the lock released before the wait, and arrive() followed by
// wait(token).
// RUN: %syncsan-cxx -std=c++20 %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t lock 2>&1 | FileCheck %s --check-prefix=LOCK
// RUN: env SYNCSAN_OPTIONS=halt_on_error=1 %expect-exit 66 timeout 10 %t double 2>&1 | FileCheck %s --check-prefix=DOUBLE
// RUN: env SYNCSAN_OPTIONS=barrier_stall_action=abort %expect-exit 0 %t lock-ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t double-ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

alignas(64) static std::barrier<> bar(2);
alignas(64) static std::mutex shared;

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!std::strncmp(mode, "lock", 4)) {
    std::thread w([] {
      bar.arrive_and_wait();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      shared.lock();
      shared.unlock();
      bar.arrive_and_wait();
    });
    bar.arrive_and_wait();
    shared.lock();
    if (!std::strcmp(mode, "lock-ok"))
      shared.unlock();
    bar.arrive_and_wait();
    if (!std::strcmp(mode, "lock"))
      shared.unlock();
    w.join();
  } else {
    std::barrier<> two(2);
    std::thread w([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      two.arrive_and_wait();
    });
    auto token = two.arrive();
    if (!std::strcmp(mode, "double-ok")) {
      two.wait(std::move(token));
    } else {
      two.arrive_and_wait();
    }
    w.join();
  }
  std::printf("done\n");
  return 0;
}
// LOCK: ERROR: SyncSanitizer: barrier-lock-held: thread T0 waits at std::barrier 'bar' (0x{{[0-9a-f]+}}) holding mutex M{{[0-9]+}} 'shared' (0x{{[0-9a-f]+}}), which participant T1 is blocked acquiring before it can arrive
// LOCK-NEXT: Thread T0 waits at the barrier at:
// LOCK-NEXT: #0 main {{.*}}cxx-barrier-checks.cpp:39:9 (std::barrier::arrive_and_wait)
// LOCK: Thread T1 waits for mutex M{{[0-9]+}} 'shared' (0x{{[0-9a-f]+}}), held by T0, at:
// LOCK: SUMMARY: SyncSanitizer: barrier-lock-held {{.*}}cxx-barrier-checks.cpp:39 in main
// LOCK-NOT: done
// DOUBLE: ERROR: SyncSanitizer: barrier-double-wait: thread T0 arrives at std::barrier 0x{{[0-9a-f]+}} a second time in one phase (phase 0, 2 of 2 arrivals)
// DOUBLE-NEXT: Second arrival by thread T0:
// DOUBLE-NEXT: #0 main {{.*}}cxx-barrier-checks.cpp:53:11 (std::barrier::arrive_and_wait)
// DOUBLE-NEXT: First arrival in the same phase by thread T0:
// DOUBLE-NEXT: #0 main {{.*}}cxx-barrier-checks.cpp:49:22 (std::barrier::arrive)
// DOUBLE-NOT: done
// OK: done
