/* syncsan_numa_migrate: moving a range's pages to a node (move_pages),
 * with what the kernel refused said, never hidden. */
#include <errno.h>
#include <numaif.h>
#include <string.h>
#include <unistd.h>

#include "core/thread.h"
#include "numa/numa_lib.h"
#include "numa/pool.h"

#define CHUNK 256

SS_HIDDEN long ss_numa_migrate_range(uintptr_t lo, uintptr_t hi, int node) {
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t first = lo & ~(page - 1);
  void *pages[CHUNK];
  int nodes[CHUNK], status[CHUNK];
  long on_node = 0, failed = 0, absent = 0;
  int first_err = 0;
  for (uintptr_t a = first; a < hi;) {
    unsigned n = 0;
    for (; n < CHUNK && a < hi; n++, a += page) {
      pages[n] = (void *)a;
      nodes[n] = node;
    }
    if (SS_LIBNUMA(numa_move_pages)(0, n, pages, nodes, status, MPOL_MF_MOVE) < 0) {
      int e = errno;
      ss_printf("==%d==WARNING: SyncSanitizer: syncsan_numa_migrate: the kernel refused to "
                "move [%p, %p) to node %d: %s\n",
                ss_pid(), (void *)lo, (void *)hi, node, strerror(e));
      errno = e;
      return -1;
    }
    for (unsigned k = 0; k < n; k++) {
      if (status[k] == node)
        on_node++;
      else if (status[k] == -ENOENT)
        absent++;
      else {
        failed++;
        if (!first_err)
          first_err = status[k] < 0 ? -status[k] : EBUSY;
      }
    }
  }
  if (failed)
    ss_printf("==%d==WARNING: SyncSanitizer: syncsan_numa_migrate: %ld of the pages of "
              "[%p, %p) could not be moved to node %d (first: %s); %ld are there\n",
              ss_pid(), failed, (void *)lo, (void *)hi, node, strerror(first_err), on_node);
  (void)absent;
  if (!failed && ss_pool_rehome(first, (hi + page - 1) & ~(page - 1), node) > 0) {
    /* A whole pool moved: pages it allocates from now on go there too. */
    int err = ss_pool_bind(lo, hi, node);
    if (err)
      ss_printf("==%d==WARNING: SyncSanitizer: syncsan_numa_migrate: the pages moved, but the "
                "kernel refused to bind [%p, %p) to node %d for later pages: %s\n",
                ss_pid(), (void *)lo, (void *)hi, node, strerror(err));
  }
  return on_node;
}

/* Public API (syncsan.h). */
SS_EXPORT long syncsan_numa_migrate(void *ptr, size_t size, int node) {
  ss_thread_get();
  uintptr_t lo = (uintptr_t)ptr, hi = lo + size;
  if (!ptr || !size || node < 0 || hi < lo) {
    errno = EINVAL;
    return -1;
  }
  if (!ss_numa_lib_pages()) {
    errno = ENOSYS;
    return -1;
  }
  int saved = errno;
  long rc = ss_numa_migrate_range(lo, hi, node);
  if (rc >= 0)
    errno = saved;
  return rc;
}
