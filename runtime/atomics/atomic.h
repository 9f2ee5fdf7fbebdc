/* Run-time checks of atomic operations: addresses the pass could not prove
 * aligned, and memory orders that are variables. */
#ifndef SYNCSAN_ATOMIC_H
#define SYNCSAN_ATOMIC_H
#include "core/internal.h"

/* Reports, once per site and check, a size-byte atomic access at p that is
 * misaligned (`atomic-misaligned`) or straddles a cache line
 * (`atomic-split-line`). Only called once the hook's mask test failed. */
SS_HIDDEN SS_COLD void ss_atomic_bad_address(const volatile void *p, uint64_t size,
                                             const struct syncsan_site *site);

/* Whether key was passed before (and records it): a lock-free insert-only
 * set, so that a bad site in a loop costs one report and then only this
 * lookup. Keys are a site's address (8-aligned, 40 bytes long) plus a small
 * offset naming the check: + 0 or 1 for the address checks, + 2 for the
 * order check. When the set is full it answers "not seen", and
 * ss_report_begin's own de-duplication still keeps each report single. */
SS_HIDDEN int ss_atomic_seen_before(uintptr_t key);
#endif
