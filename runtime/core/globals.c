/* The registry of lock-typed globals: a sorted array of address ranges,
 * appended to by module constructors and searched when a lock record is
 * created (a slow path). */
#include "globals.h"

#define MAX_GLOBALS 65536u

struct range {
  uintptr_t start, end;
  const char *name;
  uint32_t flags, stride;
};

static ss_spin_t globals_lock SS_RUNTIME_LOCK;
static struct range *ranges; /* sorted by start; guarded by globals_lock */
static uint32_t nranges;
static int have_arrays; /* atomic: set once, by a registration */
static int full_warned;

SS_EXPORT void __syncsan_register_globals(const struct syncsan_global *g, uint64_t n) {
  ss_ensure_init();
  ss_spin_lock(&globals_lock);
  if (!ranges)
    ranges = ss_map(MAX_GLOBALS * sizeof(*ranges));
  for (uint64_t i = 0; ranges && i < n; i++) {
    if (nranges == MAX_GLOBALS) {
      ss_spin_unlock(&globals_lock);
      ss_warn_once(&full_warned,
                   "more than %u lock-typed globals; the rest are named by address\n",
                   MAX_GLOBALS);
      return;
    }
    uintptr_t start = (uintptr_t)g[i].addr;
    uint32_t k = nranges;
    while (k && ranges[k - 1].start > start) {
      ranges[k] = ranges[k - 1];
      k--;
    }
    if (k && ranges[k - 1].start == start) { /* registered twice (comdat): keep one */
      for (uint32_t m = k; m < nranges; m++)
        ranges[m] = ranges[m + 1];
      continue;
    }
    ranges[k] = (struct range){start, start + g[i].size, g[i].name, g[i].flags, g[i].stride};
    nranges++;
    if (g[i].stride)
      __atomic_store_n(&have_arrays, 1, __ATOMIC_RELAXED);
  }
  ss_spin_unlock(&globals_lock);
}

SS_HIDDEN int ss_global_arrays(void) { return __atomic_load_n(&have_arrays, __ATOMIC_RELAXED); }

SS_HIDDEN int ss_global_find(uintptr_t addr, const char **name, uint32_t *offset,
                             uint32_t *elem, uint32_t *flags) {
  int found = 0;
  ss_spin_lock(&globals_lock);
  uint32_t lo = 0, hi = nranges;
  while (lo < hi) { /* first range starting after addr */
    uint32_t mid = (lo + hi) / 2;
    if (ranges[mid].start <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo && addr < ranges[lo - 1].end) {
    *name = ranges[lo - 1].name;
    uintptr_t off = addr - ranges[lo - 1].start;
    uint32_t stride = ranges[lo - 1].stride;
    *offset = (uint32_t)(stride ? off % stride : off);
    *elem = stride ? (uint32_t)(off / stride) + 1 : 0;
    *flags = ranges[lo - 1].flags;
    found = 1;
  }
  ss_spin_unlock(&globals_lock);
  return found;
}
