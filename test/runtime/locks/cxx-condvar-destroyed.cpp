// condvar-destroyed for std::condition_variable: notify_one on an object
// whose destructor has run (the storage outlives it), and the near miss in
// the same program: a new condition_variable constructed in that storage
// is used silently.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <condition_variable>
#include <cstdio>
#include <new>

alignas(std::condition_variable) static unsigned char g_store[sizeof(std::condition_variable)];

int main() {
  auto *cv = new (g_store) std::condition_variable;
  cv->~condition_variable();
  cv->notify_one();
  cv = new (g_store) std::condition_variable;
  cv->notify_one();
  cv->notify_all();
  cv->~condition_variable();
  std::fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: condvar-destroyed: thread T0 signals condvar C{{[0-9]+}} {{.*}}, which was destroyed and not initialised again
// CHECK-NEXT: Use by thread T0:
// CHECK-NEXT: #0 main {{.*}}cxx-condvar-destroyed.cpp:16:7
// CHECK: condvar C{{[0-9]+}} was destroyed at:
// CHECK-NEXT: #0 main {{.*}}cxx-condvar-destroyed.cpp:15:7
// CHECK: SUMMARY: SyncSanitizer: condvar-destroyed {{.*}}cxx-condvar-destroyed.cpp:16 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: done
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
