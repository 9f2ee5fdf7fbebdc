/* The set of atomic sites already reported (atomic.h). Insert-only, read
 * with acquire loads: a key, once published, never moves, so a reader that
 * finds it needs nothing else; two threads racing for one empty slot are
 * settled by the compare-exchange. */
#include "atomic.h"

#define SEEN_SLOTS 1024
static uintptr_t seen[SEEN_SLOTS];

SS_HIDDEN int ss_atomic_seen_before(uintptr_t key) {
  uintptr_t h = (key >> 3) * (uintptr_t)0x9E3779B97F4A7C15ull;
  for (unsigned i = 0; i < SEEN_SLOTS; i++) {
    uintptr_t *slot = &seen[(h + i) & (SEEN_SLOTS - 1)];
    uintptr_t v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (v == key)
      return 1;
    if (v == 0) {
      if (__atomic_compare_exchange_n(slot, &v, key, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return 0;
      if (v == key)
        return 1;
    }
  }
  return 0;
}
