/* The lock index (lock_index.h): 65,536 sets of two 32-byte entries, one
 * cache line a set, 4 MB mapped at start-up and resident only where
 * touched (a program with a few locks touches a few pages).
 *
 * Concurrency: each entry is a seqlock. A writer makes the sequence odd
 * with a compare-and-swap (giving up if it is odd already: another writer
 * has the entry, and a lossy index may drop this write), writes the fields
 * and makes it even again. A reader reads the sequence, the fields and the
 * sequence again, and believes the fields only if the sequence was even
 * and unchanged. All fields are atomics (relaxed), so a torn read is
 * detected, never undefined.
 *
 * Validity: the entry's epoch is the address's epoch read before the table
 * lookup whose result it records, and a reader accepts it only under that
 * same epoch. A destroy or level change bumps the epoch after changing the
 * record, so an entry from before it, or from a lookup that raced with it,
 * is refused from then on; dropping the entry as well only frees its way. */
#include "lock_index.h"

#define INDEX_SETS_BITS 16
#define INDEX_SETS (1u << INDEX_SETS_BITS)
#define INDEX_WAYS 2

struct index_entry {
  uint32_t seq;
  uint32_t epoch;
  uintptr_t addr;
  uint32_t class_id;
  uint32_t gen;
  uint64_t pad;
};
_Static_assert(sizeof(struct index_entry) * INDEX_WAYS == 64, "one cache line a set");

static struct index_entry (*sets)[INDEX_WAYS];

SS_HIDDEN void ss_lock_index_init(void) {
  sets = ss_map(sizeof(*sets) * INDEX_SETS);
}

static inline struct index_entry *set_of(uintptr_t addr) {
  return sets[((uint64_t)addr * 0x9e3779b97f4a7c15ull) >> (64 - INDEX_SETS_BITS)];
}

SS_HIDDEN int ss_lock_index_find(uintptr_t addr, uint32_t epoch, uint32_t *class_id,
                                 uint32_t *gen) {
  if (!sets)
    return 0;
  struct index_entry *set = set_of(addr);
  for (unsigned w = 0; w < INDEX_WAYS; w++) {
    struct index_entry *e = &set[w];
    uint32_t s1 = __atomic_load_n(&e->seq, __ATOMIC_ACQUIRE);
    if (s1 & 1)
      continue;
    if (__atomic_load_n(&e->addr, __ATOMIC_RELAXED) != addr)
      continue;
    uint32_t ep = __atomic_load_n(&e->epoch, __ATOMIC_RELAXED);
    uint32_t cls = __atomic_load_n(&e->class_id, __ATOMIC_RELAXED);
    uint32_t g = __atomic_load_n(&e->gen, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (__atomic_load_n(&e->seq, __ATOMIC_RELAXED) != s1 || ep != epoch || !cls)
      return 0;
    *class_id = cls;
    *gen = g;
    return 1;
  }
  return 0;
}

/* Makes e's sequence odd; 0 when another writer has it. */
static int entry_begin(struct index_entry *e, uint32_t *s) {
  *s = __atomic_load_n(&e->seq, __ATOMIC_RELAXED);
  if ((*s & 1) ||
      !__atomic_compare_exchange_n(&e->seq, s, *s + 1, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    return 0;
  /* Orders the odd sequence before the field stores below. */
  __atomic_thread_fence(__ATOMIC_RELEASE);
  return 1;
}

static void entry_end(struct index_entry *e, uint32_t s) {
  __atomic_store_n(&e->seq, s + 2, __ATOMIC_RELEASE);
}

SS_HIDDEN void ss_lock_index_put(uintptr_t addr, uint32_t epoch, uint32_t class_id,
                                 uint32_t gen) {
  if (!sets || !class_id)
    return;
  struct index_entry *set = set_of(addr);
  /* addr's own entry, else an empty way, else the way the address picks:
   * two hot locks of one set then keep a way each half the time. */
  unsigned w = (unsigned)(addr >> 4) % INDEX_WAYS;
  for (unsigned i = 0; i < INDEX_WAYS; i++)
    if (__atomic_load_n(&set[i].addr, __ATOMIC_RELAXED) == addr) {
      w = i;
      goto write;
    }
  for (unsigned i = 0; i < INDEX_WAYS; i++)
    if (!__atomic_load_n(&set[i].addr, __ATOMIC_RELAXED)) {
      w = i;
      break;
    }
write:;
  struct index_entry *e = &set[w];
  uint32_t s;
  if (!entry_begin(e, &s))
    return;
  __atomic_store_n(&e->addr, addr, __ATOMIC_RELAXED);
  __atomic_store_n(&e->epoch, epoch, __ATOMIC_RELAXED);
  __atomic_store_n(&e->class_id, class_id, __ATOMIC_RELAXED);
  __atomic_store_n(&e->gen, gen, __ATOMIC_RELAXED);
  entry_end(e, s);
}

SS_HIDDEN void ss_lock_index_drop(uintptr_t addr) {
  if (!sets)
    return;
  struct index_entry *set = set_of(addr);
  for (unsigned i = 0; i < INDEX_WAYS; i++) {
    struct index_entry *e = &set[i];
    uint32_t s;
    if (__atomic_load_n(&e->addr, __ATOMIC_RELAXED) != addr || !entry_begin(e, &s))
      continue;
    if (__atomic_load_n(&e->addr, __ATOMIC_RELAXED) == addr) {
      __atomic_store_n(&e->addr, 0, __ATOMIC_RELAXED);
      __atomic_store_n(&e->class_id, 0, __ATOMIC_RELAXED);
    }
    entry_end(e, s);
  }
}
