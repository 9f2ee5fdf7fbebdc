/* Declared lock levels (a hierarchy): a thread may acquire a lock only if
 * its level is higher than every level it holds; equal levels only within
 * an ordered group. Levels come from syncsan_lock_set_level(), from the
 * SYNCSAN_LOCK_LEVEL() annotation (carried in site records), and from the
 * lock_levels= policy file. */
#ifndef SYNCSAN_LOCK_LEVELS_H
#define SYNCSAN_LOCK_LEVELS_H
#include "core/internal.h"

SS_HIDDEN void ss_levels_init(void);
/* The level a policy gives a class with these names (first matching line). */
SS_HIDDEN void ss_levels_policy_lookup(const char *const *names, int n, int32_t *level,
                                       uint32_t *ordered);
#endif
