/* A shared, lossy index of lock -> class in front of the lock table, for
 * the acquisitions that miss a thread's class cache: a program with more
 * locks than that cache holds (100,000 bucket locks) would otherwise walk
 * the table's chains under a stripe lock and read a 96-byte record on
 * every acquisition. One 64-byte line per probe, read without a lock.
 *
 * Lossy: an entry may be missing or evicted at any time; a miss only
 * costs the table lookup it replaces. It never answers wrongly: an entry
 * carries the address's epoch (lock_table.h) from before its record was
 * read, and is used only while that epoch holds, exactly as a thread's
 * class-cache entry is. */
#ifndef SYNCSAN_LOCK_INDEX_H
#define SYNCSAN_LOCK_INDEX_H
#include "core/internal.h"

SS_HIDDEN void ss_lock_index_init(void);
/* The class and incarnation of addr recorded under epoch, or 0. */
SS_HIDDEN int ss_lock_index_find(uintptr_t addr, uint32_t epoch, uint32_t *class_id,
                                 uint32_t *gen);
/* Records what a table lookup of addr, begun under epoch, found. Skipped
 * when another thread is writing the same set (the index is lossy). */
SS_HIDDEN void ss_lock_index_put(uintptr_t addr, uint32_t epoch, uint32_t class_id,
                                 uint32_t gen);
/* Drops addr's entry (destroy, level change): frees its way. Readers
 * refuse it anyway once the epoch is bumped. */
SS_HIDDEN void ss_lock_index_drop(uintptr_t addr);
#endif
