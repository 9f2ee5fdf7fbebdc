/* The barrier family's row in the composition root's table: pthread
 * barriers and OpenMP teams' barriers. */
#ifndef SYNCSAN_BARRIERS_FAMILY_H
#define SYNCSAN_BARRIERS_FAMILY_H
#include "core/family.h"

SS_HIDDEN extern const struct ss_family ss_barriers_family;
/* The family's thread_where and waits_for for barrier waits (barrier_where.c). */
SS_HIDDEN int ss_barrier_thread_where(struct ss_thread *t, char *buf, size_t n);
SS_HIDDEN uint32_t ss_barrier_waits_for(uint32_t tid, uint32_t *out, uint32_t max);
#endif
