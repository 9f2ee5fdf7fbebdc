// std::latch: a latch that never reaches zero is a barrier-stall. stall:
// three workers were to count 'done' down, one is blocked joining a thread
// that sleeps first; main waits in done.wait() and a second waiter in
// arrive_and_wait: the report names the latch, both waiters' sites, the
// constructor, and how many count-downs are missing. The near misses, all
// silent: the same late worker within the timeout, a latch counted down by
// 2 at once, and arrive_and_wait from every thread.
// RUN: %syncsan-cxx -std=c++20 %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t 3000 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t 50 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <latch>
#include <thread>
#include <vector>

static long late_ms;

int main(int argc, char **argv) {
  late_ms = argc > 1 ? atol(argv[1]) : 50;
  {
    std::latch all(4);
    std::vector<std::thread> ts;
    for (int i = 0; i < 4; i++)
      ts.emplace_back([&] { all.arrive_and_wait(); });
    for (auto &t : ts)
      t.join();
    std::latch twice(4);
    std::thread a([&] { twice.count_down(2); });
    twice.count_down(2);
    twice.wait();
    a.join();
  }
  std::latch done(4);
  std::vector<std::thread> ts;
  for (int i = 0; i < 2; i++)
    ts.emplace_back([&] { done.count_down(); });
  ts.emplace_back([&] {
    std::thread s([] { std::this_thread::sleep_for(std::chrono::milliseconds(late_ms)); });
    s.join();
    done.count_down();
  });
  ts.emplace_back([&] { done.arrive_and_wait(); });
  done.wait();
  for (auto &t : ts)
    t.join();
  std::printf("done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-stall: std::latch 0x{{[0-9a-f]+}} has not reached zero for {{[0-9]+}} ms: counted down by 3 of 4, 2 threads waiting
// CHECK-DAG: #0 {{.*}}cxx-latch.cpp:44:30 (std::latch::arrive_and_wait)
// CHECK-DAG: #0 main {{.*}}cxx-latch.cpp:45:8 (std::latch::wait)
// CHECK: std::latch 0x{{[0-9a-f]+}} was initialised with count 4 by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}cxx-latch.cpp:35:14 (std::latch::latch)
// CHECK: 1 count-down is still missing
// CHECK: SUMMARY: SyncSanitizer: barrier-stall {{.*}}cxx-latch.cpp:44
// OK: done
