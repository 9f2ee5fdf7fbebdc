/* sem-uninitialized and sem-destroy-in-use: the reports, and what decides
 * them. Slow paths of the hooks (sem_hooks.c). */
#ifndef SYNCSAN_SEM_MISUSE_H
#define SYNCSAN_SEM_MISUSE_H
#include <semaphore.h>

#include "sem_table.h"

/* "semaphore S3 'name' (0x...)", or "semaphore 0x..." when it has no
 * record. */
SS_HIDDEN const char *ss_sem_label(uintptr_t s, const struct ss_sem_info *i, char *buf,
                                   size_t n);

/* A wait, post or destroy (`what`: "waits on", "posts", "destroys") by
 * thread tid at site found s not live (state: ss_sem_state's answer):
 * reported when it is certainly not initialised, before the real call,
 * which the hook still makes (the program's behaviour is its own; a null
 * semaphore crashes there as it would without syncsan). With `adopt`, a
 * semaphore in use that has no record gets one (ss_sem_adopt), so the
 * checks go on; a destroyed one stays destroyed until an init. */
SS_HIDDEN void ss_sem_not_live(uint32_t tid, sem_t *s, enum ss_sem_state state,
                               const struct syncsan_site *site, const char *what, int adopt);

/* A destroy, re-init or close (`what`: "destroys", "re-initialises",
 * "closes") by thread tid at site, of s while prev->blocked threads are
 * blocked waiting on it. */
SS_HIDDEN void ss_sem_report_in_use(uint32_t tid, uintptr_t s, const struct ss_sem_info *prev,
                                    const struct syncsan_site *site, const char *what);
#endif
