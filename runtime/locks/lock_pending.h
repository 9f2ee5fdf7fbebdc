/* Levels declared for addresses that are no lock yet (lock_pending.c). */
#ifndef SYNCSAN_LOCK_PENDING_H
#define SYNCSAN_LOCK_PENDING_H
#include "core/internal.h"

/* Keeps level (0: forgets it) for addr until a lock record is created
 * there. 0 when the table is full (warned once). */
SS_HIDDEN int ss_pending_level_set(uintptr_t addr, int32_t level, int ordered);
/* Takes (and forgets) the level kept for addr; 0 when there is none. */
SS_HIDDEN int ss_pending_level_take(uintptr_t addr, int32_t *level, uint32_t *ordered);
#endif
