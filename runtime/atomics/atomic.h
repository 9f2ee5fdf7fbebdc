/* Run-time checks of atomic operations the pass could not prove aligned. */
#ifndef SYNCSAN_ATOMIC_H
#define SYNCSAN_ATOMIC_H
#include "core/internal.h"

/* Reports, once per site and check, a size-byte atomic access at p that is
 * misaligned (`atomic-misaligned`) or straddles a cache line
 * (`atomic-split-line`). Only called once the hook's mask test failed. */
SS_HIDDEN SS_COLD void ss_atomic_bad_address(const volatile void *p, uint64_t size,
                                             const struct syncsan_site *site);
#endif
