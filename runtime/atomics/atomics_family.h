/* The atomics family's row in the composition root's table, and its
 * options (atomic_flags.def). */
#ifndef SYNCSAN_ATOMICS_FAMILY_H
#define SYNCSAN_ATOMICS_FAMILY_H
#include "core/family.h"

struct ss_atomic_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "atomic_flags.def"
#undef SS_FLAG
};
SS_HIDDEN extern struct ss_atomic_flags ss_atomic_flags;

SS_HIDDEN extern const struct ss_family ss_atomics_family;
#endif
