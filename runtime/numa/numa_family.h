/* The NUMA placement family's row for the composition root. */
#ifndef SYNCSAN_NUMA_FAMILY_H
#define SYNCSAN_NUMA_FAMILY_H
#include "core/family.h"

SS_HIDDEN extern const struct ss_family ss_numa_family;
/* Cross-node accounting (cross_family.c): the first row, see there. */
SS_HIDDEN extern const struct ss_family ss_numa_cross_family;
#endif
