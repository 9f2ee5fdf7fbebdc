// compact and scatter, and a file's rules by order, name and start
// routine, over a synthetic FOUR-node layout of two CPUs each. This
// machine has two CPUs, so the layout is not this system's
// (HWLOC_THISSYSTEM=0): what is verified is the decision (numa_verbose
// prints it) and that the kernel's refusal is reported as one, once per
// node, with the thread left unpinned (it keeps every CPU).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'order 2-3 node 3\nname io-* node 2\nstart lone* node 1\ndefault scatter\n' > %t.pol
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=numa_policy=compact:numa_verbose=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=COMPACT
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=numa_policy=scatter:numa_verbose=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=SCATTER
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=numa_policy=%t.pol:numa_verbose=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=FILE
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#include <sched.h>

static void *worker(void *arg) {
  cpu_set_t s;
  sched_getaffinity(0, sizeof(s), &s);
  fprintf(stderr, "worker: %d CPU(s)\n", CPU_COUNT(&s)); /* unpinned: both of this machine's */
  return arg;
}
static void *lonely(void *arg) { return arg; }

int main(void) {
  for (int i = 1; i <= 9; i++) {
    pthread_t t;
    pthread_create(&t, NULL, i == 6 ? lonely : worker, NULL);
    if (i == 5)
      pthread_setname_np(t, "io-5"); /* may come before or after T5 starts */
    pthread_join(t, NULL);
  }
  fprintf(stderr, "done\n");
  return 0;
}
// COMPACT: numa: T1 (start ?, name ''): node 0 (CPUs 0-1) by numa_policy=compact: binding refused: the topology is not this machine's (HWLOC_THISSYSTEM=0): nothing can be bound
// COMPACT: WARNING: SyncSanitizer: numa_policy: binding T1 to node 0 (CPUs 0-1) was refused: the topology is not this machine's (HWLOC_THISSYSTEM=0): nothing can be bound; threads placed on node 0 run unpinned
// COMPACT: worker: 2 CPU(s)
// COMPACT-NOT: WARNING: {{.*}}binding T2
// COMPACT: T2 {{.*}}: node 0 (CPUs 0-1) by numa_policy=compact
// COMPACT: T3 {{.*}}: node 1 (CPUs 2-3) by numa_policy=compact
// COMPACT: WARNING: SyncSanitizer: numa_policy: binding T3 to node 1
// COMPACT: T4 {{.*}}: node 1 (CPUs 2-3)
// COMPACT: T5 {{.*}}: node 2 (CPUs 4-5)
// COMPACT: T6 {{.*}}: node 2
// COMPACT: T7 {{.*}}: node 3 (CPUs 6-7)
// COMPACT: T8 {{.*}}: node 3
// COMPACT: T9 {{.*}}: node 0
// COMPACT: done
// SCATTER: T1 {{.*}}: node 0 (CPUs 0-1) by numa_policy=scatter: binding refused
// SCATTER: T2 {{.*}}: node 1 (CPUs 2-3)
// SCATTER: T3 {{.*}}: node 2 (CPUs 4-5)
// SCATTER: T4 {{.*}}: node 3 (CPUs 6-7)
// SCATTER: T5 {{.*}}: node 0
// SCATTER: done
// FILE: T1 (start worker, name ''): node 0 (CPUs 0-1) by policy file {{.*}}:4 'default scatter'
// FILE: T2 (start worker, name ''): node 3 (CPUs 6-7) by policy file {{.*}}:1 'order 2-3 node 3'
// FILE: T3 {{.*}}: node 3 {{.*}}:1 'order 2-3 node 3'
// FILE: T4 {{.*}}: node 3 {{.*}}:4 'default scatter'
// FILE: T6 (start lonely, name ''): node 1 (CPUs 2-3) by policy file {{.*}}:3 'start lone* node 1'
// FILE: T7 {{.*}}: node 2 {{.*}}:4 'default scatter'
// FILE: done
