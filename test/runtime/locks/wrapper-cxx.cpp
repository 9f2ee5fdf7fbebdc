// A C++ lock wrapper around std::mutex (itself a system-header wrapper at
// -O0): the cycle names the lambdas' lines that call it. A function holding
// a std::lock_guard over real work is a critical section, not a wrapper.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %syncsan-cxx -O0 -g -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex a, b;
static void lock_it(std::mutex &m) { m.lock(); }
static void unlock_it(std::mutex &m) { m.unlock(); }
static int bump(std::mutex &m, int &n) {
  std::lock_guard<std::mutex> g(m);
  return ++n;
}
int n;

int main() {
  std::thread t1([] { lock_it(a); lock_it(b); unlock_it(b); unlock_it(a); });
  t1.join();
  std::thread t2([] { lock_it(b); lock_it(a); unlock_it(a); unlock_it(b); });
  t2.join();
  bump(a, n);
  std::printf("n=%d\n", n);
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK-NEXT: Thread T2 acquires 'a' while holding 'b' (this closes the cycle):
// CHECK-NEXT: #0 main::$_1::operator()() const {{.*}}wrapper-cxx.cpp:23:35
// CHECK: 'b' was acquired by T2 before, at:
// CHECK-NEXT: #0 main::$_1::operator()() const {{.*}}wrapper-cxx.cpp:23:23
// CHECK: Thread T1 acquired 'b' while holding 'a':
// CHECK-NEXT: #0 main::$_0::operator()() const {{.*}}wrapper-cxx.cpp:21:35
// CHECK: 'a' was acquired by T1 before, at:
// CHECK-NEXT: #0 main::$_0::operator()() const {{.*}}wrapper-cxx.cpp:21:23
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}wrapper-cxx.cpp:23 in main::$_1::operator()() const
// CHECK: n=1
// CHECK: SyncSanitizer: 1 error report
// Two wrappers registered: lock_it and unlock_it, not bump.
// IR-DAG: c"lock_it(std::mutex&)\00"
// IR-DAG: c"unlock_it(std::mutex&)\00"
// IR-DAG: @syncsan.wrappers = private constant [2 x ptr]
