// numa-thread-migrated with more pinned threads than one look checks (32):
// 40 threads, scattered over a synthetic two-node layout of this machine's
// CPUs, all alive; only the last one created moves itself off its node.
// The monitor's rotation reaches it on a later look: one report, for T40
// alone (the 39 that stay are the near misses).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=scatter:numa_check_ms=10 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not='numa-thread-migrated: thread'
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

#define N 40

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int done;

static void *worker(void *arg) {
  if (arg) {
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(0, &s); /* T40 is on node 1 (CPU 1): scatter puts even-numbered threads there */
    pthread_setaffinity_np(pthread_self(), sizeof(s), &s);
  }
  pthread_mutex_lock(&mu);
  while (!done)
    pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], NULL, worker, i == N - 1 ? &t[i] : NULL);
  usleep(600 * 1000);
  pthread_mutex_lock(&mu);
  done = 1;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: WARNING: SyncSanitizer: numa-thread-migrated: thread T40, pinned to node 1 (CPUs 1), may now run on CPUs 0
// CHECK-NEXT: Pinned at its start by numa_policy=scatter
// CHECK: SUMMARY: SyncSanitizer: numa-thread-migrated {{.*}}migrated-many.c:37 in main
// CHECK: done
