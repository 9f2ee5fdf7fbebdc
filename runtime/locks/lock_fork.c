/* A fork and the lock state of the thread that forks. The child starts as
 * a copy of that thread, held-lock stack included. A private lock held at
 * the fork is held in the child too (its memory, locked, was copied), but
 * a process-shared one is the one object both processes see, and it is
 * still the parent's: the child that locks it waits for the parent, as any
 * other process would. So the child forgets its process-shared entries.
 *
 * The family's fork_child callback does that right after fork(). A child made
 * without the handlers (_Fork, a raw clone) is caught later, on the slow
 * path of an acquisition of a process-shared lock the stack shows held:
 * the thread's pid says whether the stack is this process's. */
#include "lock_fork.h"

#include <unistd.h>

static void drop_shared(struct ss_lock_thread *t) {
  for (uint32_t i = t->nheld; i-- > 0;)
    if (t->held[i].flags & SS_HELD_PSHARED)
      ss_held_drop(t, &t->held[i]);
  t->pid = (uint32_t)getpid();
}

/* In the child, single-threaded: the thread's own state only. */
SS_HIDDEN void ss_lock_fork_child(void) { drop_shared(&ss_lock_self); }

SS_HIDDEN int ss_lock_fork_unseen(struct ss_lock_thread *t) {
  if (t->pid == (uint32_t)getpid())
    return 0;
  drop_shared(t);
  return 1;
}
