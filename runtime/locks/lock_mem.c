/* The lock-address bitmap (lock_mem.h): which words of memory are locks the
 * runtime tracks.
 *
 * Why: glibc makes pthread_mutex_destroy a no-op and much C code never
 * calls it, so a lock's memory can be freed and reused for another lock
 * with no destroy in between. Without this, the new lock would be the old
 * record: its class, level and lock-order edges (a false cycle). The memory
 * hooks (mem_hooks.c) ask the bitmap whether the memory going away holds a
 * lock, and only then forget records (and the lock-order graph's instance
 * nodes of those locks).
 *
 * Concurrency: a bit is set (ss_mem_add) and cleared (ss_mem_remove) with
 * atomic read-modify-writes under its record's lock-table stripe; tables
 * and bitmaps are zeroed memory, published with release stores under
 * map_lock, and never freed, so a reader needs no lock. The hooks read
 * bits relaxed: a bit that is changing concerns a lock being created or
 * forgotten in memory the caller is releasing at that moment, a use after
 * free of the program's. The top table is static, so a free before
 * start-up finds nothing.
 *
 * Bounded: at most MAX_REGIONS bitmaps (2 KiB each, in chunks mapped on
 * demand: 128 MiB when all are used, one per 64 KiB that ever held a lock);
 * past that, locks in new regions are not forgotten on free (warned once). */
#include "lock_mem.h"

#include "locks.h"

#define MAX_REGIONS 65536u
#define CHUNK_REGIONS 512u /* 1 MiB of bitmaps per mapping */
#define BIT_OF SS_MEM_BIT_OF
#define WORD_OF SS_MEM_WORD_OF

SS_HIDDEN uint64_t **ss_mem_l1[1u << (SS_MEM_ADDR_BITS - SS_MEM_L1_SHIFT)];
static ss_spin_t map_lock SS_RUNTIME_LOCK;
static uint64_t *chunk;     /* guarded by map_lock */
static uint32_t chunk_used; /* guarded by map_lock */
static uint32_t nregions;   /* guarded by map_lock */
static int full_warned;

/* The bitmap of addr's region, mapped when absent (NULL: no room). */
static uint64_t *bitmap_for(uintptr_t addr) {
  uint64_t *bm = ss_mem_bitmap(addr);
  if (SS_LIKELY(bm))
    return bm;
  int full = 0;
  ss_spin_lock(&map_lock);
  uint64_t ***l1 = &ss_mem_l1[addr >> SS_MEM_L1_SHIFT];
  uint64_t **l2 = *l1;
  if (!l2) {
    l2 = ss_map(SS_MEM_L2_SIZE * sizeof(*l2));
    if (l2)
      __atomic_store_n(l1, l2, __ATOMIC_RELEASE);
  }
  if (l2) {
    uint64_t **slot = &l2[(addr >> SS_MEM_REGION_SHIFT) & (SS_MEM_L2_SIZE - 1)];
    bm = *slot;
    if (!bm && nregions < MAX_REGIONS) {
      if (!chunk || chunk_used == CHUNK_REGIONS) {
        chunk = ss_map((size_t)CHUNK_REGIONS * SS_MEM_REGION_WORDS * sizeof(uint64_t));
        chunk_used = 0;
      }
      if (chunk) {
        bm = &chunk[(size_t)chunk_used++ * SS_MEM_REGION_WORDS];
        nregions++;
        __atomic_store_n(slot, bm, __ATOMIC_RELEASE);
      }
    }
    full = !bm;
  }
  ss_spin_unlock(&map_lock);
  if (full)
    ss_warn_once(&full_warned,
                 "locks in more than %u different 64 KiB memory regions; locks in new ones "
                 "are not forgotten when their memory is freed\n",
                 MAX_REGIONS);
  return bm;
}

SS_HIDDEN void ss_mem_add(uintptr_t addr) {
  if (addr >> SS_MEM_ADDR_BITS)
    return;
  uint64_t *bm = bitmap_for(addr);
  if (bm)
    __atomic_fetch_or(&bm[WORD_OF(addr)], 1ull << BIT_OF(addr), __ATOMIC_RELAXED);
}

SS_HIDDEN void ss_mem_remove(uintptr_t addr) {
  uint64_t *bm = addr >> SS_MEM_ADDR_BITS ? NULL : ss_mem_bitmap(addr);
  if (bm)
    __atomic_fetch_and(&bm[WORD_OF(addr)], ~(1ull << BIT_OF(addr)), __ATOMIC_RELAXED);
}

/* The bits of [lo, hi] (one region) in its word w, as a mask. */
static inline uint64_t range_mask(uint32_t w, uintptr_t lo, uintptr_t hi) {
  uint64_t m = ~0ull;
  if (w == WORD_OF(lo))
    m &= ~0ull << BIT_OF(lo);
  if (w == WORD_OF(hi))
    m &= ~0ull >> (63 - BIT_OF(hi));
  return m;
}

SS_HIDDEN int ss_mem_bits_any(const uint64_t *bm, uintptr_t lo, uintptr_t hi) {
  for (uint32_t w = WORD_OF(lo); w <= WORD_OF(hi); w++)
    if (__atomic_load_n(&bm[w], __ATOMIC_RELAXED) & range_mask(w, lo, hi))
      return 1;
  return 0;
}

/* Calls fn for each region piece [a, b] of [lo, hi] that has a bitmap.
 * Returns early with 1 when fn does. Tables that were never mapped are
 * skipped whole, so a huge range costs one load per 4 GiB and per 64 KiB
 * of the tables that exist. */
static int each_piece(uintptr_t lo, uintptr_t hi, int (*fn)(uint64_t *bm, uintptr_t a, uintptr_t b)) {
  if (lo >> SS_MEM_ADDR_BITS)
    return 0;
  if (hi >> SS_MEM_ADDR_BITS)
    hi = ((uintptr_t)1 << SS_MEM_ADDR_BITS) - 1;
  uintptr_t a = lo;
  for (;;) {
    uint64_t **l2 = __atomic_load_n(&ss_mem_l1[a >> SS_MEM_L1_SHIFT], __ATOMIC_ACQUIRE);
    uintptr_t l1_end = (a | (((uintptr_t)1 << SS_MEM_L1_SHIFT) - 1));
    if (!l2) {
      if (l1_end >= hi)
        return 0;
      a = l1_end + 1;
      continue;
    }
    uintptr_t region_end = a | (((uintptr_t)1 << SS_MEM_REGION_SHIFT) - 1);
    uintptr_t b = region_end < hi ? region_end : hi;
    uint64_t *bm =
        __atomic_load_n(&l2[(a >> SS_MEM_REGION_SHIFT) & (SS_MEM_L2_SIZE - 1)], __ATOMIC_ACQUIRE);
    if (bm && fn(bm, a, b))
      return 1;
    if (b == hi)
      return 0;
    a = b + 1;
  }
}

static int any_in(uint64_t *bm, uintptr_t a, uintptr_t b) { return ss_mem_bits_any(bm, a, b); }

SS_HIDDEN int ss_mem_may_hold_locks_slow(uintptr_t lo, uintptr_t hi) {
  return each_piece(lo, hi, any_in);
}

/* Forgets the locks marked in [a, b] of one region. ss_lock_retire clears
 * each bit (ss_mem_remove); a bit whose record is already gone (a race
 * with a destroy) is cleared here. */
static int forget_in(uint64_t *bm, uintptr_t a, uintptr_t b) {
  uintptr_t base = a & ~(((uintptr_t)1 << SS_MEM_REGION_SHIFT) - 1);
  for (uint32_t w = WORD_OF(a); w <= WORD_OF(b); w++) {
    uint64_t bits;
    while ((bits = __atomic_load_n(&bm[w], __ATOMIC_RELAXED) & range_mask(w, a, b))) {
      uint32_t bit = (uint32_t)__builtin_ctzll(bits);
      uintptr_t addr = base + ((uintptr_t)w * 64 + bit) * 4;
      ss_lock_retire(addr);
      __atomic_fetch_and(&bm[w], ~(1ull << bit), __ATOMIC_RELAXED);
    }
  }
  return 0;
}

SS_HIDDEN void ss_mem_forget(uintptr_t lo, size_t n) {
  uintptr_t hi = lo + n - 1 < lo ? UINTPTR_MAX : lo + n - 1;
  each_piece(lo, hi, forget_in);
}
