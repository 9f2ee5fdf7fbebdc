// syncsan_topology and syncsan_recommended_workers over hwloc synthetic
// topologies (two nodes over this machine's two CPUs, binding real; four
// nodes of two PUs, not this system) and cgroup files from cgroup_root=:
// the quota, the cpuset and the memory limit narrow what the calls say.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: rm -rf %t.cg %t.set %t.bad && mkdir -p %t.cg %t.set %t.bad
// RUN: echo "600000 100000" > %t.cg/cpu.max && echo 268435456 > %t.cg/memory.max
// RUN: echo "0-3" > %t.set/cpuset.cpus.effective
// RUN: rm -rf %t.frac && mkdir -p %t.frac && echo "150000 100000" > %t.frac/cpu.max
// RUN: echo "lots" > %t.bad/cpu.max && echo "512M" > %t.bad/memory.max
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=cgroup_root=%t.none %t 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: env HWLOC_XMLFILE=%S/Inputs/context-two-nodes.xml HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=cgroup_root=%t.none %t 2>&1 | FileCheck %s --check-prefix=XML
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=cgroup_root=%t.none %t 2>&1 | FileCheck %s --check-prefix=FOUR
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=cgroup_root=%t.cg %t 2>&1 | FileCheck %s --check-prefix=QUOTA
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=cgroup_root=%t.set %t 2>&1 | FileCheck %s --check-prefix=SET
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=cgroup_root=%t.frac %t 2>&1 | FileCheck %s --check-prefix=FRAC
// RUN: env HWLOC_SYNTHETIC="node:4 core:2 pu:1" HWLOC_THISSYSTEM=0 SYNCSAN_OPTIONS=cgroup_root=%t.bad %t 2>&1 | FileCheck %s --check-prefix=BAD
#include <stdio.h>
#include <syncsan/syncsan.h>

int main(void) {
  struct syncsan_topology t;
  int rc = syncsan_topology(&t);
  printf("rc=%d packages=%u nodes=%u cores=%u pus=%u this_system=%d\n", rc, t.packages, t.nodes,
         t.cores, t.pus, t.this_system);
  printf("allowed=%u quota_milli=%u quota=%.2f memory=%llu\n", t.allowed_cpus, t.cpu_quota_milli,
         t.cpu_quota, t.memory_limit);
  for (unsigned i = 0; i < t.nodes_listed; i++)
  {
    printf("node %u: os=%d cpus=%u allowed=%u distances", i, t.node_os[i], t.node_cpus[i],
           t.node_allowed_cpus[i]);
    for (unsigned j = 0; j < t.nodes_listed; j++)
      printf(" %u", t.distance[i][j]);
    printf("\n");
  }
  unsigned bases[] = {0, 1, 2, 3, 4, 5, 7, 100};
  printf("workers");
  for (unsigned i = 0; i < sizeof bases / sizeof bases[0]; i++)
    printf(" %u:%u", bases[i], syncsan_recommended_workers(bases[i]));
  printf("\n");
  return 0;
}
// TWO: rc=0 packages={{[0-9]+}} nodes=2 cores=2 pus=2 this_system=1
// TWO-NEXT: allowed=2 quota_milli=0 quota=0.00 memory=0
// TWO-NEXT: node 0: os=0 cpus=1 allowed=1 distances 0 0
// TWO-NEXT: node 1: os=1 cpus=1 allowed=1
// TWO-NEXT: workers 0:2 1:1 2:2 3:2 4:2 5:2 7:2 100:2

// Two packages of one node each, with a latency matrix (hwloc XML).
// XML: rc=0 packages=2 nodes=2 cores=2 pus=2 this_system=1
// XML: node 0: os=0 cpus=1 allowed=1 distances 10 21
// XML-NEXT: node 1: os=1 cpus=1 allowed=1 distances 21 10

// FOUR: rc=0 packages={{[0-9]+}} nodes=4 cores=8 pus=8 this_system=0
// FOUR-NEXT: allowed=8 quota_milli=0 quota=0.00 memory=0
// FOUR-NEXT: node 0: os=0 cpus=2 allowed=2
// FOUR: node 3: os=3 cpus=2 allowed=2
// FOUR-NEXT: workers 0:8 1:1 2:2 3:3 4:4 5:8 7:8 100:8

// 6 CPUs of quota over 4 nodes of 8 CPUs: 5 cannot go up to 8.
// QUOTA: allowed=8 quota_milli=6000 quota=6.00 memory=268435456
// QUOTA: workers 0:6 1:1 2:2 3:3 4:4 5:5 7:6 100:6

// cpuset 0-3 is nodes 0 and 1: 3 goes up to a multiple of 2 nodes.
// SET: allowed=4 quota_milli=0 quota=0.00 memory=0
// SET-NEXT: node 0: os=0 cpus=2 allowed=2
// SET-NEXT: node 1: os=1 cpus=2 allowed=2
// SET-NEXT: node 2: os=2 cpus=2 allowed=0
// SET: workers 0:4 1:1 2:2 3:4 4:4 5:4 7:4 100:4

// A quota of 1.5 CPUs rounds down to one worker.
// FRAC: allowed=8 quota_milli=1500 quota=1.50 memory=0
// FRAC: workers 0:1 1:1 2:1 3:1 4:1 5:1 7:1 100:1

// BAD: WARNING: SyncSanitizer: malformed {{.*}}.bad/cpu.max is ignored (taken for no limit)
// BAD: WARNING: SyncSanitizer: malformed {{.*}}.bad/memory.max is ignored (taken for no limit)
// BAD: allowed=8 quota_milli=0 quota=0.00 memory=0
// BAD: workers 0:8 1:1
