/* The NUMA placement family's runtime options (numa_flags.def). */
#ifndef SYNCSAN_NUMA_FLAGS_H
#define SYNCSAN_NUMA_FLAGS_H
#include "core/flags.h"

struct ss_numa_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "numa_flags.def"
#undef SS_FLAG
};
SS_HIDDEN extern struct ss_numa_flags ss_numa_flags;
#endif
