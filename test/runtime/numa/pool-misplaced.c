// numa-pool-misplaced over a synthetic two-node layout of this machine
// (which has ONE real memory node): a pool registered for node 1 cannot
// be bound there (the kernel refuses, and a warning says so: nothing is
// faked); its pages, touched, land on node 0, and the monitor's sampled
// location query finds them there. The near miss: a pool for node 0,
// bound, with every page there (silent). Pages not yet touched are no
// misplacement (the "untouched" run: registered for node 1, never
// written).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_check_ms=10:numa_pool_sample=16 %expect-exit 0 %t 1 touch 2>&1 | FileCheck %s
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_check_ms=10 %expect-exit 0 %t 0 touch 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env HWLOC_SYNTHETIC="node:2 core:1 pu:1" HWLOC_THISSYSTEM=1 SYNCSAN_OPTIONS=numa_check_ms=10 %expect-exit 0 %t 1 untouched 2>&1 | FileCheck %s --check-prefix=UNTOUCHED --implicit-check-not=numa-pool-misplaced
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <syncsan/syncsan.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int node = atoi(argv[1]);
  size_t size = 64 * 4096;
  char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int rc = syncsan_numa_pool(p, size, node);
  fprintf(stderr, "registered: %d\n", rc);
  if (!strcmp(argv[2], "touch"))
    memset(p, 1, size);
  usleep(1000 * 1000); /* the monitor looks every 10 ms: a loaded machine may delay it */
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: WARNING: SyncSanitizer: syncsan_numa_pool: the kernel refused to bind [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) to node 1: Invalid argument; the pool stays registered for node 1, unbound
// CHECK: registered: 1
// CHECK: WARNING: SyncSanitizer: numa-pool-misplaced: pool [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) (64 pages) registered for node 1: 16 of 16 sampled pages are on another node
// CHECK-NEXT: Pool registered by thread T0 at:
// CHECK-NEXT: #0 main {{.*}}pool-misplaced.c:25
// CHECK: sampled pages by node: node 0: 16
// CHECK-NEXT: the pool's binding to node 1 was refused when it was registered (Invalid argument)
// CHECK: SUMMARY: SyncSanitizer: numa-pool-misplaced {{.*}}pool-misplaced.c:25 in main
// CHECK: done
// OK: registered: 0
// OK: done
// UNTOUCHED: registered: 1
// UNTOUCHED: done
