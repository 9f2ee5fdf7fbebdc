// syncsan_numa_migrate on this machine (one real memory node): moving a
// touched range to node 0 works (every page is there afterwards); moving
// it to node 1 is refused by the kernel, and the call says so (-1,
// ENODEV, a warning), never pretending. A pool registered for node 1
// (binding refused) whose range is migrated to node 0 before any page is
// touched has node 0 for its home afterwards: its pages, touched then,
// are where it belongs (no numa-pool-misplaced). And the pool API's
// errors and its drop form.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_check_ms=10 %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=numa-pool-misplaced
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

#define SIZE (32 * 4096)

static void *new_range(void) {
  return mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void *slab_alloc(void) { return new_range(); }

int main(void) {
  char *a = new_range();
  memset(a, 1, SIZE);
  long n = syncsan_numa_migrate(a, SIZE, 0);
  fprintf(stderr, "to node 0: %ld\n", n);
  errno = 0;
  n = syncsan_numa_migrate(a, SIZE, 1);
  fprintf(stderr, "to node 1: %ld (%s)\n", n, strerror(errno));

  char *pool = SYNCSAN_NUMA_POOL_ALLOC(slab_alloc(), SIZE, 1);
  n = syncsan_numa_migrate(pool, SIZE, 0); /* nothing touched yet: nothing to move */
  fprintf(stderr, "untouched pool to node 0: %ld\n", n);
  memset(pool, 2, SIZE);
  usleep(200 * 1000);

  errno = 0;
  int rc = syncsan_numa_pool(NULL, SIZE, 0);
  fprintf(stderr, "NULL: %d (%s)\n", rc, strerror(errno));
  rc = syncsan_numa_pool(a, SIZE, 9);
  fprintf(stderr, "node 9: %d (%s)\n", rc, strerror(errno));
  rc = syncsan_numa_pool(pool + 4096, 0, -1);
  fprintf(stderr, "drop: %d\n", rc);
  rc = syncsan_numa_pool(pool, 0, -1);
  fprintf(stderr, "drop again: %d (%s)\n", rc, strerror(errno));
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: to node 0: 32
// CHECK: WARNING: SyncSanitizer: syncsan_numa_migrate: the kernel refused to move [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) to node 1: No such device
// CHECK: to node 1: -1 (No such device)
// CHECK: WARNING: SyncSanitizer: syncsan_numa_pool: the kernel refused to bind {{.*}} to node 1: Invalid argument
// CHECK: untouched pool to node 0: 0
// CHECK: NULL: -1 (Invalid argument)
// CHECK: node 9: -1 (Invalid argument)
// CHECK: drop: 0
// CHECK: drop again: -1 (No such file or directory)
// CHECK: done
