/* What a fork means for the forking thread's lock state (lock_fork.c). */
#ifndef SYNCSAN_LOCK_FORK_H
#define SYNCSAN_LOCK_FORK_H
#include "locks.h"

/* In the child of a fork (the family's fork_child): the forking thread's
 * process-shared entries are the parent's. */
SS_HIDDEN void ss_lock_fork_child(void);
/* Slow path: t's stack shows a process-shared lock held. When the stack was
 * inherited through a fork that no handler saw, drops its process-shared
 * entries and returns 1. */
SS_HIDDEN int ss_lock_fork_unseen(struct ss_lock_thread *t);
#endif
