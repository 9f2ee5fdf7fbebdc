/* The semaphore family's entry points that are no rows of the table:
 * sem_open and sem_close, which the interposers call
 * (runtime/interpose/sem_open.c), and what the hooks share with the
 * family's reports. */
#ifndef SYNCSAN_SEM_HOOKS_H
#define SYNCSAN_SEM_HOOKS_H
#include <semaphore.h>

#include "core/internal.h"

/* sem_open returned s (not SEM_FAILED), called at site. */
SS_HIDDEN void ss_sem_opened(sem_t *s, const struct syncsan_site *site);
/* sem_close(s) is about to be called at site. */
SS_HIDDEN void ss_sem_closing(sem_t *s, const struct syncsan_site *site);
/* Whether the program has the interposers, so that every sem_init and
 * sem_open of the process reaches the runtime: 1 from the interposers'
 * archive, 0 from the weak default a program without it links. */
SS_HIDDEN int ss_sem_inits_seen(void);
#endif
