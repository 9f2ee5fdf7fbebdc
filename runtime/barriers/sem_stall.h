/* sem-stall: the monitor's check for semaphore waits no thread can end. */
#ifndef SYNCSAN_SEM_STALL_H
#define SYNCSAN_SEM_STALL_H
#include "core/internal.h"

/* Adds the check to the monitor (start-up; nothing when sem_timeout_ms is
 * 0). The first blocking wait starts the monitor. */
SS_HIDDEN void ss_sem_stall_init(void);
/* In a forked child: the waits it watched were other threads'. */
SS_HIDDEN void ss_sem_stall_fork_child(void);
#endif
