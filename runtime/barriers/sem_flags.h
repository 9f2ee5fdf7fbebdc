/* The semaphore checks' runtime options (sem_flags.def). */
#ifndef SYNCSAN_SEM_FLAGS_H
#define SYNCSAN_SEM_FLAGS_H
#include "core/flags.h"

struct ss_sem_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "sem_flags.def"
#undef SS_FLAG
};
SS_HIDDEN extern struct ss_sem_flags ss_sem_flags;
#endif
