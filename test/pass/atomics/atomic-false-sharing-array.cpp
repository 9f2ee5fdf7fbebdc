// atomic-false-sharing between the slots of a std::atomic array: the write
// is std::atomic's member function, followed to the user's call; the
// thread entry is started by two std::thread constructors. An array of
// line-sized slots is silent.
// RUN: %syncsan-cxx -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cxx -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <atomic>
#include <thread>

std::atomic<long> hits[8];
// CHECK: atomic-false-sharing-array.cpp:[[@LINE-1]]:19: warning: the 8-byte slots of 'hits' are written atomically at indices known only at run time, by more than one thread (by 'work(int)', started as more than one thread), and 8 of them fit in one 64-byte cache line, so the threads' slots share lines (false sharing); give each slot its own cache line: make the element a struct whose atomic is declared _Alignas(64) in C or alignas(64) in C++, so that each slot is 64 bytes [syncsan-atomic-false-sharing]
// CHECK: atomic-false-sharing-array.cpp:[[@LINE+5]]:12: note: atomic write of a slot of 'hits' here
struct Slot { alignas(64) std::atomic<long> v; };
Slot padded[8];

static void work(int id) {
  hits[id].fetch_add(1, std::memory_order_relaxed);
  padded[id].v.fetch_add(1, std::memory_order_relaxed);
}

int main() {
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  return (int)hits[0];
}
