// Bad policies: each message names the file and line and says what was
// expected, and the policy is then off as a whole (the thread keeps both
// CPUs: no half policy), never a crash. Over a synthetic two-node layout
// of this machine's CPUs.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'start worker node 1\nnmae io* node 0\n' > %t.rule
// RUN: printf 'name io* nod 1\n' > %t.target
// RUN: printf '\n# two nodes only\norder 1-3 node 7\n' > %t.node
// RUN: printf 'order 5-2 node 1\n' > %t.range
// RUN: printf 'default node 0\nstart worker node 1\n' > %t.after
// RUN: printf '# nothing\n\n' > %t.empty
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.rule %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=RULE
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.target %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.node %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=NODE
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.range %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.after %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=AFTER
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.empty %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.missing %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=compat %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=WORD
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static void *worker(void *arg) {
  cpu_set_t s;
  sched_getaffinity(0, sizeof(s), &s);
  fprintf(stderr, "worker: %d CPU(s)\n", CPU_COUNT(&s));
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
// RULE: WARNING: SyncSanitizer: numa_policy: {{.*}}.rule:2: unknown rule 'nmae' (expected start, name, order or default); the policy is off (no thread is pinned)
// RULE: worker: 2 CPU(s)
// TARGET: numa_policy: {{.*}}.target:1: expected a target after the match: 'node <N>', 'compact', 'scatter' or 'none', got 'nod'; the policy is off
// TARGET: worker: 2 CPU(s)
// NODE: numa_policy: {{.*}}.node:3: node 7 is not in the topology (it has 2 nodes); the policy is off
// NODE: worker: 2 CPU(s)
// RANGE: numa_policy: {{.*}}.range:1: the range 5-2 is empty; the policy is off
// AFTER: numa_policy: {{.*}}.after:2: a rule after the default rule would never match; the policy is off
// AFTER: worker: 2 CPU(s)
// EMPTY: numa_policy: {{.*}}.empty:2: no rule (expected lines such as 'name io* node 1'); the policy is off
// MISSING: numa_policy: {{.*}}.missing: cannot read the policy file (No such file or directory); the policy is off
// MISSING: worker: 2 CPU(s)
// WORD: numa_policy: unknown value 'compat' (expected none, compact, scatter, or a policy file: a path containing '/', or @path); the policy is off
// WORD: worker: 2 CPU(s)
