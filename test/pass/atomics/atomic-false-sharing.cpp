// atomic-false-sharing with std::atomic: the member functions are seen
// through the calls that pass them the fields.
// RUN: %syncsan-cxx -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cxx -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <atomic>

struct Stats {
  std::atomic<long> produced{0};
  std::atomic<long> consumed{0};
};

struct PaddedStats {
  alignas(64) std::atomic<long> produced{0};
  alignas(64) std::atomic<long> consumed{0};
};

void producer(Stats &s) { s.produced.fetch_add(1, std::memory_order_relaxed); }
void consumer(Stats &s) {
  s.consumed++;
  // CHECK: atomic-false-sharing.cpp:[[@LINE-1]]:3: warning: field 'produced' and field 'consumed' of 'Stats' are written atomically and independently (by 'producer(Stats&)' and 'consumer(Stats&)') but lie 8 bytes apart, so they can share a 64-byte cache line (false sharing); give field 'consumed' its own cache line: declare it alignas(64) in C++ or _Alignas(64) in C, or pad it with 56 bytes [syncsan-atomic-false-sharing]
}

void padded_producer(PaddedStats &s) { s.produced.fetch_add(1, std::memory_order_relaxed); }
void padded_consumer(PaddedStats &s) { s.consumed++; }
