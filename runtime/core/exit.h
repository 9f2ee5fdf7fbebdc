/* The end of the process (exit.c): exit checks, the closing line, and the
 * exit status, however the process ends. */
#ifndef SYNCSAN_EXIT_H
#define SYNCSAN_EXIT_H
#include "internal.h"

/* At start-up: the exit handlers, before any of the program's. */
SS_HIDDEN void ss_exit_init(void);
/* The calling process owns the runtime state (at start-up; in a forked
 * child). */
SS_HIDDEN void ss_exit_set_owner(void);
/* Whether the calling process owns the runtime state (not a vfork child)
 * and the runtime is up. */
SS_HIDDEN int ss_exit_owned(void);
/* Ends the process now with status: no handlers, no output. */
SS_HIDDEN _Noreturn void ss_exit_group(int status);
#endif
