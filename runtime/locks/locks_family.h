/* The lock family's row in the composition root's table. */
#ifndef SYNCSAN_LOCKS_FAMILY_H
#define SYNCSAN_LOCKS_FAMILY_H
#include "core/family.h"

SS_HIDDEN extern const struct ss_family ss_locks_family;
/* The family's thread_where and waits_for (lock_where.c). */
SS_HIDDEN int ss_locks_thread_where(struct ss_thread *t, char *buf, size_t n);
SS_HIDDEN uint32_t ss_locks_waits_for(uint32_t tid, uint32_t *out, uint32_t max);
/* The family's wait_detail (lock_where.c): when thread `waiter` is blocked
 * acquiring a lock that thread `holder` holds, the lock's label, where
 * waiter waits and where holder acquired it. */
SS_HIDDEN int ss_locks_wait_detail(uint32_t waiter, uint32_t holder, char *label, size_t n,
                                   const struct syncsan_site **wait_site,
                                   const struct syncsan_site **held_site);
#endif
