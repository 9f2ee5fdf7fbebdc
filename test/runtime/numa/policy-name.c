// Rules by thread name: a thread that names itself (pthread_setname_np
// on pthread_self, as threads usually do first thing) is placed again by
// the name, on itself, at once. Over a synthetic two-node layout of this
// machine's CPUs: the default puts the thread on node 0 (CPU 0) at its
// start; naming itself "io-worker" moves it to node 1 (CPU 1); a name no
// rule matches leaves it where the default put it (the near miss).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'name io-* node 1\ndefault node 0\n' > %t.pol
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.pol:numa_verbose=1 %expect-exit 0 %t io-worker 2>&1 | FileCheck %s
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.pol %expect-exit 0 %t cpu-worker 2>&1 | FileCheck %s --check-prefix=OTHER --implicit-check-not=SyncSanitizer
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static int only_cpu(void) {
  cpu_set_t s;
  sched_getaffinity(0, sizeof(s), &s);
  return CPU_COUNT(&s) == 1 ? (CPU_ISSET(0, &s) ? 0 : 1) : -1;
}

static void *worker(void *name) {
  fprintf(stderr, "before the name: CPU %d only\n", only_cpu());
  pthread_setname_np(pthread_self(), name);
  fprintf(stderr, "after the name: CPU %d only, running on %d\n", only_cpu(), sched_getcpu());
  return NULL;
}

int main(int argc, char **argv) {
  pthread_t t;
  pthread_create(&t, NULL, worker, argc > 1 ? argv[1] : "x");
  pthread_join(t, NULL);
  return 0;
}
// CHECK: numa: T1 (start ?, name ''): node 0 (CPUs 0) by policy file {{.*}}.pol:2 'default node 0': bound
// CHECK: before the name: CPU 0 only
// CHECK: numa: T1 (start ?, name 'io-worker'): node 1 (CPUs 1) by policy file {{.*}}.pol:1 'name io-* node 1': bound
// CHECK: after the name: CPU 1 only, running on 1
// OTHER: before the name: CPU 0 only
// OTHER: after the name: CPU 0 only, running on 0
