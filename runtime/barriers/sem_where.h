/* The semaphore family's parts of ss_thread_where and ss_thread_waits_for
 * (core/thread.h, core/family.h). */
#ifndef SYNCSAN_SEM_WHERE_H
#define SYNCSAN_SEM_WHERE_H
#include "core/thread.h"

SS_HIDDEN int ss_sems_thread_where(struct ss_thread *t, char *buf, size_t n);
SS_HIDDEN uint32_t ss_sems_waits_for(uint32_t tid, uint32_t *out, uint32_t max);

/* The threads that can end a wait on semaphore s, as the stall check and
 * ss_sems_waits_for see them: `live` (up to max, into out) is how many of
 * its posters are live threads now; returns 0 when the wait may end
 * without them (no record, a semaphore another process may post, more
 * posters than the record keeps, or a value above 0: the waiter is about
 * to take it), 1 otherwise, with *info the record. The caller must not
 * hold the registry lock. */
struct ss_sem_info;
SS_HIDDEN int ss_sem_wait_needs(uintptr_t s, struct ss_sem_info *info, uint32_t *out,
                                uint32_t max, uint32_t *live);
#endif
