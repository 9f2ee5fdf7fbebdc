// std::shared_mutex compiles to pthread_rwlock_*: taking it exclusively
// while the thread holds it shared can never succeed (double-lock, the
// process ends), while a second shared lock before that is allowed.
// RUN: %syncsan-cxx %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <cstdio>
#include <mutex>
#include <shared_mutex>

std::shared_mutex g_sm;

int main() {
  std::shared_lock<std::shared_mutex> r1(g_sm);
  std::shared_lock<std::shared_mutex> r2(g_sm);
  std::fprintf(stderr, "two readers\n");
  std::unique_lock<std::shared_mutex> w(g_sm);
  std::fprintf(stderr, "not reached\n");
  return 0;
}
// CHECK: two readers
// CHECK-NOT: SyncSanitizer
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires rwlock M{{[0-9]+}} {{.*}}that it already holds; the thread would block on itself forever
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}cxx-shared-mutex.cpp:16:
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}cxx-shared-mutex.cpp:13:
// CHECK: SUMMARY: SyncSanitizer: double-lock {{.*}}cxx-shared-mutex.cpp:16 in main
// CHECK-NOT: not reached
