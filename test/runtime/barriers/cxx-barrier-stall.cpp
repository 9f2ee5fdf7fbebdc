// barrier-stall on a std::barrier: two of three participants wait in
// arrive_and_wait; the third, which used the barrier before, is blocked
// joining a thread that sleeps, and the report says so, naming the member
// calls' sites and the constructor's. The near miss: the same late arrival
// within the default timeout.
// RUN: %syncsan-cxx -std=c++20 %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t 3000 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t 50 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

static std::barrier<> bar(3);
static long late_ms;

static void waiter() {
  bar.arrive_and_wait();
  bar.arrive_and_wait();
}

static void late() {
  bar.arrive_and_wait();
  std::thread s([] { std::this_thread::sleep_for(std::chrono::milliseconds(late_ms)); });
  s.join();
  bar.arrive_and_wait();
}

int main(int argc, char **argv) {
  late_ms = argc > 1 ? atol(argv[1]) : 50;
  std::thread a(waiter), b(waiter), c(late);
  a.join();
  b.join();
  c.join();
  std::printf("done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-stall: std::barrier 'bar' (0x{{[0-9a-f]+}}) has not completed its phase for {{[0-9]+}} ms: 2 of 3 participants arrived
// CHECK: Thread T{{[0-9]+}} waits at:
// CHECK-NEXT: #0 waiter() {{.*}}cxx-barrier-stall.cpp:20:7 (std::barrier::arrive_and_wait)
// CHECK: std::barrier 'bar' (0x{{[0-9a-f]+}}) was initialised with count 3 by thread T0 at:
// CHECK-NEXT: #0 {{.*}}cxx-barrier-stall.cpp:15:23 (std::barrier::barrier)
// CHECK: 1 participant is missing; threads that used the barrier before and have not arrived:
// CHECK-NEXT: T{{[0-9]+}}: blocked joining T{{[0-9]+}} at {{.*}}cxx-barrier-stall.cpp:26
// CHECK: SUMMARY: SyncSanitizer: barrier-stall {{.*}}cxx-barrier-stall.cpp:20
// OK: done
