/* The composition root: the one file that knows every family. The core
 * (core/lifecycle.c, core/thread.c, core/flags.c) runs each row's options
 * and callbacks in this order; adding a family is one row here. */
#include "core/family.h"

#include "atomics/atomics_family.h"
#include "barriers/barriers_family.h"
#include "barriers/sem_family.h"
#include "locks/locks_family.h"
#include "numa/context_family.h"
#include "numa/numa_family.h"
#include "queues/queues_family.h"

SS_HIDDEN const struct ss_family *const ss_families[] = {
    /* First: its init sets the access observer that the lock and queue
     * families' inits read (core/access.h). */
    &ss_numa_cross_family,
    &ss_locks_family,
    &ss_atomics_family,
    &ss_barriers_family,
    &ss_sems_family,
    &ss_queues_family,
    &ss_numa_context_family,
    &ss_numa_family,
};
SS_HIDDEN const unsigned ss_nfamilies = SS_ARRAY_SIZE(ss_families);
