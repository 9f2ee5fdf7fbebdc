// std::thread under a policy file: its start routine is libstdc++'s
// trampoline (no symbol in a stripped libstdc++: "start ?"), so it is placed by creation order
// or name. Over a synthetic two-node layout of this machine's CPUs, the
// second thread created goes to node 1 and runs on CPU 1 only; the first
// matches no rule and keeps both CPUs (the near miss).
// RUN: %syncsan-cxx %O -g -std=c++17 %s -o %t
// RUN: printf 'start worker node 0\norder 2 node 1\n' > %t.pol
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.pol:numa_verbose=1 %expect-exit 0 %t 2>&1 | FileCheck %s
#include <sched.h>

#include <cstdio>
#include <thread>

static void show(const char *who) {
  cpu_set_t s;
  sched_getaffinity(0, sizeof(s), &s);
  std::fprintf(stderr, "%s: %d CPU(s), on %d\n", who, CPU_COUNT(&s), sched_getcpu());
}

int main() {
  std::thread a([] { show("first"); });
  a.join();
  std::thread b([] { show("second"); });
  b.join();
  return 0;
}
// CHECK: numa: T1 (start {{[^,]*}}, name ''): not pinned (no rule of policy file {{.*}} matched)
// CHECK: first: 2 CPU(s)
// CHECK: numa: T2 (start {{[^,]*}}, name ''): node 1 (CPUs 1) by policy file {{.*}}.pol:2 'order 2 node 1': bound
// CHECK: second: 1 CPU(s), on 1
