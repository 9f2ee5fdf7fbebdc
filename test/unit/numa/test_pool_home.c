/* The pool table's home lookup (ss_numa_home_of) over a synthetic
 * two-node layout that is not this machine's: every binding is refused
 * (and said so), the pools stay registered with their intended node, an
 * overlapping registration replaces what it overlaps, and the drop form
 * removes a pool. */
#include <errno.h>
#include <stdlib.h>

#include "numa/pool.h"
#include "unit.h"

int syncsan_numa_pool(void *ptr, size_t size, int node);

static char arena[64 * 4096] __attribute__((aligned(4096)));

static void homes(void) {
  setenv("HWLOC_SYNTHETIC", "node:2 core:1 pu:1", 1);
  setenv("HWLOC_THISSYSTEM", "0", 1);
  CHECK(ss_numa_home_of(arena) == -1);
  CHECK(syncsan_numa_pool(arena, 16 * 4096, 1) == 1); /* registered, binding refused */
  CHECK(syncsan_numa_pool(arena + 16 * 4096, 16 * 4096, 0) == 1);
  CHECK(ss_pool_count() == 2);
  CHECK(ss_numa_home_of(arena) == 1);
  CHECK(ss_numa_home_of(arena + 16 * 4096 - 1) == 1);
  CHECK(ss_numa_home_of(arena + 16 * 4096) == 0);
  CHECK(ss_numa_home_of(arena + 32 * 4096) == -1); /* past the end */
  /* A range over both replaces them. */
  CHECK(syncsan_numa_pool(arena + 8 * 4096, 16 * 4096, 0) == 1);
  CHECK(ss_pool_count() == 1);
  CHECK(ss_numa_home_of(arena) == -1);
  CHECK(ss_numa_home_of(arena + 8 * 4096) == 0);
  /* Moving a range's pool rehomes it. */
  CHECK(ss_pool_rehome((uintptr_t)arena, (uintptr_t)arena + sizeof(arena), 1) == 1);
  CHECK(ss_numa_home_of(arena + 8 * 4096) == 1);
  CHECK(syncsan_numa_pool(arena + 9 * 4096, 0, -1) == 0);
  CHECK(ss_pool_count() == 0 && ss_numa_home_of(arena + 8 * 4096) == -1);
  errno = 0;
  CHECK(syncsan_numa_pool(arena, 0, -1) == -1 && errno == ENOENT);
  CHECK(syncsan_numa_pool(arena, 4096, 5) == -1 && errno == EINVAL); /* no node 5 */
  CHECK(syncsan_numa_pool(arena, 4096, -1) == -1 && errno == EINVAL);
}

/* Pools registered in no order, dropped from the middle: the lookup (a
 * binary search over the table kept sorted) finds every one, and nothing
 * in the gaps between them, before the first or after the last. */
static void sorted(void) {
  static const int order[] = {7, 2, 11, 0, 5, 9, 3, 13, 1, 8, 12, 4, 10, 6};
  const int n = (int)(sizeof(order) / sizeof(order[0]));
  for (int k = 0; k < n; k++) {
    int i = order[k];
    /* pool i: pages [4i, 4i + 2), node i % 2; pages 4i + 2, 4i + 3 are a gap */
    CHECK(syncsan_numa_pool(arena + (size_t)i * 4 * 4096, 2 * 4096, i % 2) >= 0);
  }
  CHECK(ss_pool_count() == (unsigned)n);
  for (int i = 0; i < n; i++) {
    char *p = arena + (size_t)i * 4 * 4096;
    CHECK(ss_numa_home_of(p) == i % 2);
    CHECK(ss_numa_home_of(p + 2 * 4096 - 1) == i % 2);
    CHECK(ss_numa_home_of(p + 2 * 4096) == -1);
    CHECK(ss_numa_home_of(p + 4 * 4096 - 1) == -1);
  }
  CHECK(ss_numa_home_of(arena - 1) == -1);
  CHECK(ss_numa_home_of(arena + (size_t)n * 4 * 4096) == -1);
  /* Drop every third; the rest are still found, the dropped ones not. */
  for (int i = 0; i < n; i += 3)
    CHECK(syncsan_numa_pool(arena + (size_t)i * 4 * 4096, 0, -1) == 0);
  for (int i = 0; i < n; i++)
    CHECK(ss_numa_home_of(arena + (size_t)i * 4 * 4096 + 100) == (i % 3 ? i % 2 : -1));
  /* One over pools 1..2 (and the gap between) replaces both, in order. */
  CHECK(syncsan_numa_pool(arena + 4 * 4096, 6 * 4096, 1) >= 0);
  CHECK(ss_numa_home_of(arena + 7 * 4096) == 1);
  CHECK(ss_numa_home_of(arena + 10 * 4096) == -1);
  CHECK(ss_numa_home_of(arena + 16 * 4096) == 0); /* pool 4 */
  for (int i = 0; i < n; i++)
    syncsan_numa_pool(arena + (size_t)i * 4 * 4096, 0, -1);
  CHECK(ss_pool_count() == 0);
}

static void bounded(void) {
  for (int i = 0; i < SS_POOL_MAX; i++)
    CHECK(syncsan_numa_pool(arena + (size_t)(i % 64) * 4096 + (size_t)(i / 64), 1, 0) >= 0);
  CHECK(ss_pool_count() == SS_POOL_MAX);
  errno = 0;
  CHECK(syncsan_numa_pool(arena + 100, 1, 0) == -1 && errno == ENOSPC);
  /* Re-registering a range that is there needs no new entry. */
  CHECK(syncsan_numa_pool(arena, 1, 1) == 1 && ss_numa_home_of(arena) == 1);
}

UNIT_MAIN(UNIT_TEST(homes), UNIT_TEST(sorted), UNIT_TEST(bounded))
