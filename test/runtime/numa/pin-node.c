// Pinning at thread start, for real: over a synthetic two-node layout of
// this machine's two CPUs (node 0 = CPU 0, node 1 = CPU 1; THISSYSTEM=1,
// so the binding reaches the kernel), a policy file sends the start
// routine `worker` to node 1: the thread runs on CPU 1 alone before its
// first line. The near miss: numa_policy=none pins nothing (both CPUs).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf '# workers on the second node\nstart work* node 1   # by symbol\ndefault none\n' > %t.pol
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.pol:numa_verbose=1 %expect-exit 0 %t 2>&1 | FileCheck %s
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=@%t.pol %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=SyncSanitizer
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_verbose=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=NONE --implicit-check-not=numa: --implicit-check-not=SyncSanitizer
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static void *worker(void *arg) {
  cpu_set_t s;
  sched_getaffinity(0, sizeof(s), &s);
  fprintf(stderr, "worker: %d CPU(s), first %d, on CPU %d\n", CPU_COUNT(&s),
          CPU_ISSET(0, &s) ? 0 : 1, sched_getcpu());
  return arg;
}

static void *other(void *arg) {
  cpu_set_t s;
  sched_getaffinity(0, sizeof(s), &s);
  fprintf(stderr, "other: %d CPU(s)\n", CPU_COUNT(&s));
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, other, NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: syncsan: numa: T1 (start worker, name ''): node 1 (CPUs 1) by policy file {{.*}}.pol:2 'start work* node 1': bound
// CHECK: worker: 1 CPU(s), first 1, on CPU 1
// CHECK: syncsan: numa: T2 (start other, name ''): not pinned (policy file {{.*}}.pol:3 'default none')
// CHECK: other: 2 CPU(s)
// CHECK: done
// QUIET: worker: 1 CPU(s), first 1, on CPU 1
// QUIET: other: 2 CPU(s)
// NONE: worker: 2 CPU(s), first 0
// NONE: other: 2 CPU(s)
// NONE: done
