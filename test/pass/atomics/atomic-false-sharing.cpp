// atomic-false-sharing with std::atomic: the member functions are seen
// through the calls that pass them the fields, the thread entries through
// std::thread's constructor (a function) and _State_impl::_M_run (a
// lambda), and the fields are named as declared, not by libstdc++'s
// members (flag_, not flag_._M_base._M_i); the report is at the
// declaration the fix goes on, with notes at both writes.
// RUN: %syncsan-cxx -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cxx -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <atomic>
#include <thread>

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
  // CHECK: atomic-false-sharing.cpp:{{[0-9]+}}:21: warning: field 'produced' and field 'consumed' of 'Stats' are written atomically and independently (by 'producer(Stats&)' and 'consumer(Stats&)', reached from different thread entries) but lie 8 bytes apart, so they can share a 64-byte cache line (false sharing); give field 'consumed' its own cache line: declare it alignas(64) in C++ or _Alignas(64) in C, or pad it with 56 bytes [syncsan-atomic-false-sharing]
  // CHECK-NEXT: {{^ +[0-9]+}} |   std::atomic<long> consumed{0};
  // CHECK-NEXT: {{^ +}}|                     ^
  // CHECK-NEXT: atomic-false-sharing.cpp:[[@LINE-4]]:3: note: atomic write of field 'consumed' here
  // CHECK: atomic-false-sharing.cpp:{{[0-9]+}}:38: note: atomic write of field 'produced' here
}

void padded_producer(PaddedStats &s) { s.produced.fetch_add(1, std::memory_order_relaxed); }
void padded_consumer(PaddedStats &s) { s.consumed++; }

void run_stats(Stats &s, PaddedStats &p) {
  std::thread a(producer, std::ref(s)), b(consumer, std::ref(s));
  std::thread c(padded_producer, std::ref(p)), d(padded_consumer, std::ref(p));
  a.join(), b.join(), c.join(), d.join();
}

// std::atomic<bool> flags: written by a function on its own thread and by
// the function that starts it (which runs on beside it)...
struct Worker {
  std::atomic<bool> started_{false};
  std::atomic<bool> stop_{false};
};
void mark_started(Worker &w) { w.started_.store(true, std::memory_order_release); }
void run_worker(Worker &w) {
  std::thread t(mark_started, std::ref(w));
  w.stop_.store(true, std::memory_order_release);
  // CHECK: atomic-false-sharing.cpp:{{[0-9]+}}:21: warning: field 'started_' and field 'stop_' of 'Worker' are written atomically and independently (by 'mark_started(Worker&)' and 'run_worker(Worker&)', reached from different thread entries) but lie 1 bytes apart, so they can share a 64-byte cache line (false sharing); give field 'stop_' its own cache line{{.*}} [syncsan-atomic-false-sharing]
  // CHECK-NEXT: {{^ +[0-9]+}} |   std::atomic<bool> stop_{false};
  // CHECK: atomic-false-sharing.cpp:[[@LINE-3]]:11: note: atomic write of field 'stop_' here
  // CHECK: note: atomic write of field 'started_' here
  t.join();
}

// ...and globals, one written by a lambda's thread: named as declared.
std::atomic<bool> g_started, g_stopping;
void run_lambda() {
  std::thread t([] { g_started.store(true); });
  g_stopping.store(true);
  // CHECK: atomic-false-sharing.cpp:{{[0-9]+}}:30: warning: globals 'g_started' and 'g_stopping' are written atomically and independently (by 'run_lambda()::$_0::operator()() const' and 'run_lambda()', reached from different thread entries){{.*}}; give 'g_stopping' its own cache line{{.*}} [syncsan-atomic-false-sharing]
  // CHECK-NEXT: {{^ +[0-9]+}} | std::atomic<bool> g_started, g_stopping;
  // CHECK: atomic-false-sharing.cpp:[[@LINE-3]]:14: note: atomic write of 'g_stopping' here
  // CHECK: note: atomic write of 'g_started' here
  t.join();
}

// Near miss: one-shot test flags (as in leveldb's tests), each set once by
// a different test body, with no thread in sight.
struct TestFlags {
  std::atomic<bool> flag_{false};
  std::atomic<bool> other_flag_{false};
};
void TestOne(TestFlags &f) { f.flag_.store(true); }
void TestTwo(TestFlags &f) { f.other_flag_.store(true); }
