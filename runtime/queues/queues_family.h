/* The queue family's row in the composition root's table: queues the
 * program declares (annotations, spec files) and the built-in ones. */
#ifndef SYNCSAN_QUEUES_FAMILY_H
#define SYNCSAN_QUEUES_FAMILY_H
#include "core/family.h"

SS_HIDDEN extern const struct ss_family ss_queues_family;
/* The family's thread_where for queue calls (queue_where.c). */
SS_HIDDEN int ss_queue_thread_where(struct ss_thread *t, char *buf, size_t n);
#endif
