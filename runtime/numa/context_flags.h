/* The NUMA family's context options (context_flags.def). */
#ifndef SYNCSAN_NUMA_CONTEXT_FLAGS_H
#define SYNCSAN_NUMA_CONTEXT_FLAGS_H
#include "core/flags.h"

struct ss_context_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "context_flags.def"
#undef SS_FLAG
};
SS_HIDDEN extern struct ss_context_flags ss_context_flags;
#endif
