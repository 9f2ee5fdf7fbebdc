/* The NUMA family's context part as the core runs it: topology and
 * cgroup limits for the public API, pressure handlers, and the
 * cpu-oversubscribed check on the monitor. */
#ifndef SYNCSAN_NUMA_CONTEXT_FAMILY_H
#define SYNCSAN_NUMA_CONTEXT_FAMILY_H
#include "core/family.h"

SS_HIDDEN extern const struct ss_family ss_numa_context_family;
#endif
