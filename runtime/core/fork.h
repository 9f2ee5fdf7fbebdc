/* fork() support (fork.c): the runtime's locks and registry across a fork. */
#ifndef SYNCSAN_FORK_H
#define SYNCSAN_FORK_H
#include "internal.h"

/* Registers the atfork handlers; at start-up, before the program runs. */
SS_HIDDEN void ss_fork_init(void);
#endif
