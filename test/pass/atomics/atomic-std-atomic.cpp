// std::atomic: once its member functions are inlined (-O1 and above) the
// checks see the object itself. A global stays a plain IR atomic, an object
// behind a reference is checked at run time, and one placed at a misaligned
// offset of a byte buffer is reported at the user's call, not in libstdc++.
// At -O0 libstdc++'s always-inline member functions are inlined too and
// every pointer goes through a stack slot; the checks look through a slot
// stored once, so the misplaced atomic is reported at -O0 as well. The
// global's operation is not proven aligned at -O0 and stays checked at run
// time.
// RUN: %syncsan-cxx -O2 -g -S -emit-llvm %s -o %t.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: FileCheck %s --check-prefix=IR < %t.ll
// RUN: %syncsan-cxx -O0 -g -S -emit-llvm %s -o %t0.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: FileCheck %s --check-prefix=O0 < %t0.ll
#include <atomic>
#include <new>

struct Server { std::atomic<long> requests{0}; std::atomic<bool> stopping{false}; };
Server server;
alignas(64) static unsigned char raw[128];

long on_request() { return server.requests.fetch_add(1, std::memory_order_relaxed); }
// IR-LABEL: define {{.*}} @_Z10on_requestv(
// IR-NOT: __syncsan
// IR: atomicrmw add ptr @server, i64 1 monotonic, align 8

long bump(std::atomic<long> &c) { return c.fetch_add(1, std::memory_order_acq_rel); }
// IR-LABEL: define {{.*}} @_Z4bumpRSt6atomicIlE(
// IR: call void @__syncsan_atomic_check(ptr %0, i64 8,
// IR: atomicrmw add ptr %0, i64 1 acq_rel, align 8

int misplaced() {
  auto *a = new (raw + 2) std::atomic<int>(0);
  return a->fetch_add(1);
  // CHECK: atomic-std-atomic.cpp:[[@LINE-1]]:13: warning: misaligned 4-byte atomic read-modify-write (add) of 'raw+2': it needs 4-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 64) [syncsan-atomic-misaligned]
}

// O0-LABEL: define {{.*}} @_Z10on_requestv(
// O0: call void @__syncsan_atomic_check(ptr {{.*}}, i64 8,
// O0: atomicrmw add ptr {{.*}} monotonic, align 8
