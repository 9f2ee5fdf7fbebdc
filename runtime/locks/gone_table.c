/* Destroyed condvars and locks (gone_table.h). Slot i is guarded by stripe
 * i % NSTRIPES. Its callers may hold a condvar or lock table stripe: this
 * table's stripes nest inside those and take nothing else. */
#include "gone_table.h"

#define GONE_SLOTS 8192u
#define NSTRIPES 64u

static struct ss_gone slots[GONE_SLOTS]; /* guarded by stripes */
static ss_spin_t stripes[NSTRIPES] SS_RUNTIME_LOCK;

static inline uint32_t slot_of(uintptr_t a) {
  uint64_t h = (uint64_t)a * 0x9e3779b97f4a7c15ull;
  return (uint32_t)(h >> 40) % GONE_SLOTS;
}

static int matches(const struct ss_gone *g, uintptr_t addr, uint16_t what) {
  if (g->addr != addr)
    return 0;
  if (what)
    return g->what == what;
  return g->what != SS_GONE_COND;
}

SS_HIDDEN void ss_gone_note(const struct ss_gone *g) {
  uint32_t i = slot_of(g->addr);
  ss_spin_lock(&stripes[i % NSTRIPES]);
  slots[i] = *g;
  ss_spin_unlock(&stripes[i % NSTRIPES]);
}

static int lookup(uintptr_t addr, uint16_t what, struct ss_gone *out, int take) {
  uint32_t i = slot_of(addr);
  int found;
  ss_spin_lock(&stripes[i % NSTRIPES]);
  found = matches(&slots[i], addr, what);
  if (found) {
    if (out)
      *out = slots[i];
    if (take)
      slots[i].addr = 0;
  }
  ss_spin_unlock(&stripes[i % NSTRIPES]);
  return found;
}

SS_HIDDEN int ss_gone_find(uintptr_t addr, uint16_t what, struct ss_gone *out) {
  return lookup(addr, what, out, 0);
}

SS_HIDDEN int ss_gone_take(uintptr_t addr, uint16_t what, struct ss_gone *out) {
  return lookup(addr, what, out, 1);
}

SS_HIDDEN void ss_gone_forget(uintptr_t addr, uint16_t what) {
  lookup(addr, what, NULL, 1);
}
