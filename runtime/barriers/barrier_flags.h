/* The barrier family's runtime options (barrier_flags.def). */
#ifndef SYNCSAN_BARRIER_FLAGS_H
#define SYNCSAN_BARRIER_FLAGS_H
#include "core/flags.h"

struct ss_barrier_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "barrier_flags.def"
#undef SS_FLAG
};
SS_HIDDEN extern struct ss_barrier_flags ss_barrier_flags;
#endif
