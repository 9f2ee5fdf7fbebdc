// Cross-node accounting across many short threads: 300 threads, one after
// another, each take a pool's lock twice. Each thread's table is merged at
// its exit and given to the next thread (no warning about the 256 tables
// that may exist at once), and every acquisition is counted once: 600 in
// all, whichever node each thread ran on.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_cross_node=1 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not="did not fit" --implicit-check-not="threads count at once"
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <syncsan/syncsan.h>

static pthread_mutex_t *mu;

static void *worker(void *arg) {
  for (int i = 0; i < 2; i++) {
    pthread_mutex_lock(mu);
    pthread_mutex_unlock(mu);
  }
  return arg;
}

int main(void) {
  char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fprintf(stderr, "registered: %d\n", syncsan_numa_pool(p, 4096, 0));
  mu = (pthread_mutex_t *)p;
  pthread_mutex_init(mu, NULL);
  for (int i = 0; i < 300; i++) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
  }
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: registered: 0
// CHECK: done
// CHECK: cross-node operations (numa_cross_node=1): {{[0-9]+}} of 600 operations on objects of a known node
