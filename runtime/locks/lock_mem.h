/* Which memory holds tracked locks (lock_mem.c), so that memory going away
 * (free, realloc, munmap: mem_hooks.c) forgets the locks in it. */
#ifndef SYNCSAN_LOCK_MEM_H
#define SYNCSAN_LOCK_MEM_H
#include "core/internal.h"

/* A bitmap of lock addresses, one bit per 4-byte word (a lock object is at
 * least 4-aligned: its futex word must be), kept per 64 KiB region and
 * reached through two levels of tables indexed by the address itself, like
 * a page table: bits 32..46 pick a table of regions, bits 16..31 a region.
 * Tables and bitmaps exist only where a lock was ever tracked. */
#define SS_MEM_ADDR_BITS 47
#define SS_MEM_L1_SHIFT 32
#define SS_MEM_REGION_SHIFT 16
#define SS_MEM_L2_SIZE (1u << (SS_MEM_L1_SHIFT - SS_MEM_REGION_SHIFT))
#define SS_MEM_REGION_WORDS ((1u << SS_MEM_REGION_SHIFT) / 4 / 64)

SS_HIDDEN extern uint64_t **ss_mem_l1[1u << (SS_MEM_ADDR_BITS - SS_MEM_L1_SHIFT)];

/* The region bitmap of addr, or NULL when no lock was tracked there. */
static SS_ALWAYS_INLINE uint64_t *ss_mem_bitmap(uintptr_t addr) {
  /* Callers pass addresses below 2^47; the mask keeps the index in range
   * for the compiler's analysis too (GCC warns on a constant high address
   * it cannot see excluded). */
  uint64_t **l2 = __atomic_load_n(
      &ss_mem_l1[(addr >> SS_MEM_L1_SHIFT) & (SS_ARRAY_SIZE(ss_mem_l1) - 1)], __ATOMIC_ACQUIRE);
  if (!l2)
    return NULL;
  return __atomic_load_n(&l2[(addr >> SS_MEM_REGION_SHIFT) & (SS_MEM_L2_SIZE - 1)],
                         __ATOMIC_ACQUIRE);
}

/* Where in a region bitmap the word at addr is. */
#define SS_MEM_WORD_OF(a) ((uint32_t)(((a) & ((1u << SS_MEM_REGION_SHIFT) - 1)) >> 8))
#define SS_MEM_BIT_OF(a) ((uint32_t)((a) >> 2) & 63)

SS_HIDDEN int ss_mem_may_hold_locks_slow(uintptr_t lo, uintptr_t hi);
/* Any bit of [lo, hi] (one region) set in bm? */
SS_HIDDEN int ss_mem_bits_any(const uint64_t *bm, uintptr_t lo, uintptr_t hi);

/* Does [lo, lo + n) hold a tracked lock? No lock, no write: one load where
 * no lock was ever tracked within the same 4 GiB, two where none was in the
 * same 64 KiB region, and the bitmap words of the range otherwise. */
static SS_ALWAYS_INLINE int ss_mem_may_hold_locks(uintptr_t lo, size_t n) {
  uintptr_t hi = lo + n - 1;
  if (SS_LIKELY((lo >> SS_MEM_REGION_SHIFT) == (hi >> SS_MEM_REGION_SHIFT) &&
                !(lo >> SS_MEM_ADDR_BITS))) {
    const uint64_t *bm = ss_mem_bitmap(lo);
    if (!bm)
      return 0;
    uint32_t w = SS_MEM_WORD_OF(lo);
    if (SS_LIKELY(w == SS_MEM_WORD_OF(hi))) /* up to 256 bytes: one word */
      return (__atomic_load_n(&bm[w], __ATOMIC_RELAXED) & (~0ull << SS_MEM_BIT_OF(lo)) &
              (~0ull >> (63 - SS_MEM_BIT_OF(hi)))) != 0;
    return ss_mem_bits_any(bm, lo, hi);
  }
  return ss_mem_may_hold_locks_slow(lo, hi);
}

/* Forgets every lock in [lo, lo + n) (ss_lock_retire), before the
 * memory is released. Cost: the range's bitmap words, and one lock-table
 * removal per lock found. */
SS_HIDDEN void ss_mem_forget(uintptr_t lo, size_t n);

/* The lock table's side: a record's address is marked when the record is
 * created and cleared when it is forgotten. */
SS_HIDDEN void ss_mem_add(uintptr_t addr);
SS_HIDDEN void ss_mem_remove(uintptr_t addr);
#endif
