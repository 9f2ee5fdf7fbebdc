// numa-thread-migrated: a thread the policy pinned to node 1 (CPU 1 of a
// synthetic two-node layout over this machine's CPUs) moves itself to
// CPU 0 with pthread_setaffinity_np and keeps running: the monitor finds
// it outside its node. The near misses: the pinned thread stays where it
// was put (silent); with no policy, the same move is nobody's business
// (nothing pinned, nothing checked).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'start mover node 1\n' > %t.pol
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.pol:numa_check_ms=10 %expect-exit 0 %t move 2>&1 | FileCheck %s
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.pol:numa_check_ms=10 %expect-exit 0 %t stay 2>&1 | FileCheck %s --check-prefix=STAY --implicit-check-not=SyncSanitizer
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_check_ms=10 %expect-exit 0 %t move 2>&1 | FileCheck %s --check-prefix=NONE --implicit-check-not=SyncSanitizer
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void run_for_ms(long ms) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  do
    clock_gettime(CLOCK_MONOTONIC, &b);
  while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

static void *mover(void *arg) {
  fprintf(stderr, "pinned: on CPU %d\n", sched_getcpu());
  if (arg) {
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(0, &s);
    pthread_setaffinity_np(pthread_self(), sizeof(s), &s);
  }
  run_for_ms(1000); /* the monitor looks every 10 ms: a loaded machine may delay it */
  fprintf(stderr, "now on CPU %d\n", sched_getcpu());
  return NULL;
}

int main(int argc, char **argv) {
  int move = argc > 1 && !strcmp(argv[1], "move");
  pthread_t t;
  pthread_create(&t, NULL, mover, move ? &t : NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: pinned: on CPU 1
// CHECK: WARNING: SyncSanitizer: numa-thread-migrated: thread T1, pinned to node 1 (CPUs 1), may now run on CPUs 0; it last ran on CPU 0 (node 0)
// CHECK-NEXT: Pinned at its start by policy file {{.*}}.pol:1 'start mover node 1'
// CHECK: Thread T1 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}migrated-affinity.c:43
// CHECK: SUMMARY: SyncSanitizer: numa-thread-migrated {{.*}}migrated-affinity.c:43 in main
// CHECK: now on CPU 0
// CHECK: done
// STAY: pinned: on CPU 1
// STAY: now on CPU 1
// STAY: done
// NONE: done
