// numa-cross-node over a synthetic two-node layout of this machine's two
// CPUs (node 0 = CPU 0, node 1 = CPU 1; THISSYSTEM=1, so the binding
// reaches the kernel): a pool registered for node 0 (the real node: the
// kernel binds it) holds a mutex and a queue; a policy file pins the
// start routine `worker` to node 1, so each of its acquisitions, pushes
// and pops is on an object of another node: the exit table lists them per
// (thread node, object node), and each site warns once. Near misses: the
// worker pinned to node 0 (local: no warning, nothing cross in the table);
// the option off (no table, no warning); 3 operations per site, below
// numa_cross_node_min (table, no warning); and a threshold of 100% that
// nothing can pass.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf 'start work* node 1\ndefault none\n' > %t.far
// RUN: printf 'start work* node 0\ndefault none\n' > %t.near
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.far:numa_cross_node=1 %expect-exit 0 %t 200 2>&1 | FileCheck %s
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.far:numa_cross_node=1:log_format=json %expect-exit 0 %t 200 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.near:numa_cross_node=1 %expect-exit 0 %t 200 2>&1 | FileCheck %s --check-prefix=LOCAL --implicit-check-not=numa-cross-node --implicit-check-not=WARNING
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.far %expect-exit 0 %t 200 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=SyncSanitizer
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.far:numa_cross_node=1 %expect-exit 0 %t 3 2>&1 | FileCheck %s --check-prefix=FEW --implicit-check-not=numa-cross-node --implicit-check-not=WARNING
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_policy=%t.far:numa_cross_node=1:numa_cross_node_pct=100 %expect-exit 0 %t 200 2>&1 | FileCheck %s --check-prefix=FEW --implicit-check-not=numa-cross-node --implicit-check-not=WARNING
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <syncsan/syncsan.h>

/* A counter declared as a queue: push adds one, pop takes one if any. */
struct ring {
  long n;
};
void ring_init(struct ring *r) SYNCSAN_QUEUE("create");
int ring_push(struct ring *r) SYNCSAN_QUEUE("push ok=nonzero");
int ring_pop(struct ring *r) SYNCSAN_QUEUE("pop ok=nonzero");
void ring_init(struct ring *r) { __atomic_store_n(&r->n, 0, __ATOMIC_RELAXED); }
int ring_push(struct ring *r) { return __atomic_add_fetch(&r->n, 1, __ATOMIC_RELEASE) > 0; }
int ring_pop(struct ring *r) {
  long n = __atomic_load_n(&r->n, __ATOMIC_ACQUIRE);
  while (n > 0 && !__atomic_compare_exchange_n(&r->n, &n, n - 1, 0, __ATOMIC_ACQ_REL,
                                                __ATOMIC_ACQUIRE))
    ;
  return n > 0;
}

struct obj {
  pthread_mutex_t mu;
  struct ring q;
};
static struct obj *o;
static int iters;

static void *worker(void *arg) {
  for (int i = 0; i < iters; i++) {
    pthread_mutex_lock(&o->mu); // the lock site
    pthread_mutex_unlock(&o->mu);
    ring_push(&o->q); // the push site
    ring_pop(&o->q);  // the pop site
  }
  fprintf(stderr, "worker on CPU %d\n", sched_getcpu());
  return arg;
}

int main(int argc, char **argv) {
  iters = argc > 1 ? atoi(argv[1]) : 200;
  size_t size = 16 * 4096;
  char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fprintf(stderr, "registered: %d\n", syncsan_numa_pool(p, size, 0));
  o = (struct obj *)p;
  pthread_mutex_init(&o->mu, NULL);
  ring_init(&o->q);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: registered: 0
// CHECK: worker on CPU 1
// CHECK: done
// CHECK: SyncSanitizer: cross-node operations (numa_cross_node=1): 600 of 600 operations on objects of a known node (100.00%)
// CHECK-NEXT: site op thread node object node count site ops cross %
// CHECK-DAG: cross-node.c:55:5 lock 1 0 200 200 100.00
// CHECK-DAG: cross-node.c:57:5 push 1 0 200 200 100.00
// CHECK-DAG: cross-node.c:58:5 pop 1 0 200 200 100.00
// CHECK: WARNING: SyncSanitizer: numa-cross-node: 200 of 200 {{lock acquisitions|queue pushes|queue pops}} at this site (100.00%) were on objects of another NUMA node than the thread's
// CHECK: SUMMARY: SyncSanitizer: numa-cross-node {{.*}}cross-node.c:{{55|57|58}}
// CHECK: WARNING: SyncSanitizer: numa-cross-node: 200 of 200
// CHECK-NEXT: {{Lock acquisitions|Queue pushes|Queue pops}} at:
// CHECK-NEXT: #0 worker {{.*}}cross-node.c:{{55|57|58}}:5
// CHECK-NEXT: threads on node 1, object on node 0: 200
// CHECK: WARNING: SyncSanitizer: numa-cross-node: 200 of 200
// CHECK-NEXT: {{Lock acquisitions|Queue pushes|Queue pops}} at:
// CHECK-NOT: numa-cross-node:
// JSON: "numa_cross_node":[{"site":"{{[^"]*}}cross-node.c:{{[0-9:]+}}","op":"{{lock|push|pop}}","thread_node":1,"object_node":0,"count":200,"site_ops":200,"site_cross":200},
// JSON: "check":"numa-cross-node"
// LOCAL: worker on CPU 0
// LOCAL: cross-node operations (numa_cross_node=1): 0 of 600 operations on objects of a known node (0.00%)
// LOCAL-NOT: site
// OFF: registered: 0
// OFF: worker on CPU 1
// OFF: done
// FEW: worker on CPU 1
// FEW: cross-node operations (numa_cross_node=1): {{9|600}} of {{9|600}} operations
