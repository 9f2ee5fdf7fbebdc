// std::atomic behind a reference goes through the hooks: the same values,
// and a report when the object sits at a misaligned address.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer:
#include <atomic>
#include <cstdio>
#include <new>
#include <thread>

__attribute__((noinline)) long add(std::atomic<long> &c, long v) {
  return c.fetch_add(v, std::memory_order_acq_rel);
}

alignas(64) static unsigned char raw[128];

int main(int argc, char **) {
  std::setvbuf(stdout, nullptr, _IONBF, 0); // in order with the reports
  static std::atomic<long> total{0};
  std::thread a([] { for (int i = 0; i < 10000; i++) add(total, 1); });
  std::thread b([] { for (int i = 0; i < 10000; i++) add(total, 2); });
  a.join();
  b.join();
  std::printf("total %ld\n", total.load());
  auto *odd = new (raw + 3 + argc) std::atomic<long>(5);
  add(*odd, 1);
  std::printf("odd %ld\n", odd->load(std::memory_order_relaxed));
  return 0;
}
// CHECK: total 30000
// CHECK: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic read-modify-write at 0x{{[0-9a-f]+}} is misaligned: it needs 8-byte alignment but the address is 4 modulo 8
// CHECK-NEXT: atomic read-modify-write by thread T0:
// CHECK-NEXT: #0 add(std::atomic<long>&, long) {{.*}}atomic-cxx.cpp:11:12
// CHECK: SUMMARY: SyncSanitizer: atomic-misaligned
// The load in main is a second site: a second report.
// CHECK: ERROR: SyncSanitizer: atomic-misaligned: 8-byte atomic load at 0x{{[0-9a-f]+}} is misaligned
// CHECK-NEXT: atomic load by thread T0:
// CHECK-NEXT: #0 main {{.*}}atomic-cxx.cpp:26:33 (atomic load)
// CHECK: SUMMARY: SyncSanitizer: atomic-misaligned
// CHECK: odd 6
// CHECK: SyncSanitizer: 2 error reports
