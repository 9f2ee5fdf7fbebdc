// Cross-node accounting across fork(): the child counts its own operations
// only. The parent's worker (pinned to node 1) takes a node-0 pool's lock
// 200 times before the fork; the child takes it 5 times from the forking
// thread and exits: its table counts those 5, the parent's its 200 (and
// only the parent warns: 5 is below numa_cross_node_min).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'start work* node 1\ndefault none\n' > %t.pol
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.pol:numa_cross_node=1 %expect-exit 0 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

static pthread_mutex_t *mu;

static void take(int n) {
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(mu);
    pthread_mutex_unlock(mu);
  }
}
static void *worker(void *arg) {
  take(200);
  return arg;
}

int main(void) {
  char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fprintf(stderr, "registered: %d\n", syncsan_numa_pool(p, 4096, 0));
  mu = (pthread_mutex_t *)p;
  pthread_mutex_init(mu, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pid_t c = fork();
  if (c == 0) {
    take(5);
    fprintf(stderr, "child done\n");
    exit(0);
  }
  waitpid(c, NULL, 0);
  fprintf(stderr, "parent done\n");
  return 0;
}
// CHECK: child done
// CHECK-NEXT: cross-node operations (numa_cross_node=1): {{[0-5]}} of 5 operations on objects of a known node
// CHECK-NOT: numa-cross-node:
// CHECK: parent done
// CHECK-NEXT: cross-node operations (numa_cross_node=1): 200 of 200 operations on objects of a known node (100.00%)
// CHECK: WARNING: SyncSanitizer: numa-cross-node: 200 of 200 lock acquisitions at this site
