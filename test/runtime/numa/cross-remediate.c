// numa_autoremediate over a synthetic two-node layout of this machine's two
// CPUs (node 0 = CPU 0, node 1 = CPU 1; THISSYSTEM=1): a pool's mutex is
// taken 500 times by a worker pinned to the other node, and the monitor
// moves the pool's pages to the worker's node, once, with a numa-cross-node
// report. Registered for node 1 (the bind is refused: a one-node machine),
// the pool moves to node 0, which works. Registered for node 0, it would
// move to node 1, which the kernel refuses, and the report says so. Near
// misses: the worker on the pool's node (nothing to move), and the option
// without numa_cross_node (said, and off).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'start work* node 0\ndefault none\n' > %t.n0
// RUN: printf 'start work* node 1\ndefault none\n' > %t.n1
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.n0:numa_cross_node=1:numa_autoremediate=1:numa_check_ms=10 %expect-exit 0 %t 1 2>&1 | FileCheck %s --check-prefix=MOVED
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.n1:numa_cross_node=1:numa_autoremediate=1:numa_check_ms=10 %expect-exit 0 %t 0 2>&1 | FileCheck %s --check-prefix=REFUSED
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.n0:numa_cross_node=1:numa_autoremediate=1:numa_check_ms=10 %expect-exit 0 %t 0 2>&1 | FileCheck %s --check-prefix=LOCAL --implicit-check-not=numa_autoremediate --implicit-check-not=numa-cross-node
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.n1:numa_autoremediate=1:numa_check_ms=10 %expect-exit 0 %t 0 2>&1 | FileCheck %s --check-prefix=NEEDS --implicit-check-not=numa-cross-node
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

static pthread_mutex_t *mu;

static void *worker(void *arg) {
  for (int i = 0; i < 500; i++) {
    pthread_mutex_lock(mu);
    pthread_mutex_unlock(mu);
  }
  return arg;
}

int main(int argc, char **argv) {
  int node = argc > 1 ? atoi(argv[1]) : 0;
  size_t size = 16 * 4096;
  char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fprintf(stderr, "registered: %d\n", syncsan_numa_pool(p, size, node));
  for (size_t i = 0; i < size; i += 4096)
    p[i] = 1; /* every page touched: each has a location */
  mu = (pthread_mutex_t *)p;
  pthread_mutex_init(mu, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  usleep(1000 * 1000); /* the monitor looks every 10 ms: a loaded machine may delay it */
  fprintf(stderr, "done\n");
  return 0;
}
// MOVED: registered: 1
// MOVED: WARNING: SyncSanitizer: numa-cross-node: pool [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) registered for node 1: 100% of the 500 operations on its objects came from other nodes, 500 from node 0: numa_autoremediate moved its pages to node 0 (16 pages there now)
// MOVED: Pool registered by thread T0 at:
// MOVED-NEXT: #0 main {{.*}}cross-remediate.c:38
// MOVED: operations by the threads' node: node 0: 500
// MOVED: done
// REFUSED: registered: 0
// REFUSED: WARNING: SyncSanitizer: syncsan_numa_migrate: the kernel refused to move
// REFUSED: WARNING: SyncSanitizer: numa-cross-node: pool [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) registered for node 0: 100% of the 500 operations on its objects came from other nodes, 500 from node 1: numa_autoremediate asked to move its pages to node 1, and the kernel refused ({{.*}}); the pool stays where it is
// REFUSED: done
// LOCAL: registered: 0
// LOCAL: done
// NEEDS: numa_autoremediate=1 needs numa_cross_node=1; it stays off
// NEEDS: done
