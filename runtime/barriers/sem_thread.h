/* Each thread's current blocking semaphore wait, as other threads may read
 * it: which initialisation of the semaphore it began under and the
 * semaphore's post count then, for the lock watchdog's question whether
 * anything could have ended it since (core/family.h: block_unwoken). */
#ifndef SYNCSAN_SEM_THREAD_H
#define SYNCSAN_SEM_THREAD_H
#include "core/thread.h"
#include "sem_table.h"

struct ss_sem_thread {
  uint32_t seq;   /* the block note's block_seq this describes; release store, last */
  uint32_t id;    /* the semaphore's S<id> when the wait began */
  uint64_t posts; /* its post count then */
};
SS_HIDDEN extern __thread struct ss_sem_thread ss_sem_self;

/* Start-up: the extension key; thread start: the thread's state under it. */
SS_HIDDEN void ss_sem_threads_init(void);
SS_HIDDEN void ss_sem_thread_start(struct ss_thread *t);

/* Before ss_block_begin of a wait that began under ticket tk. */
static inline void ss_sem_thread_note(const struct ss_sem_ticket *tk) {
  ss_sem_self.id = tk->id;
  __atomic_store_n(&ss_sem_self.posts, tk->posts, __ATOMIC_RELAXED);
  /* ss_block_begin numbers the wait block_seq + 1. */
  __atomic_store_n(&ss_sem_self.seq, ss_self.block_seq + 1, __ATOMIC_RELEASE);
}

/* family.h's block_unwoken for semaphore waits: no post since the wait
 * began, on a semaphore that only this process posts. */
SS_HIDDEN int ss_sems_block_unwoken(struct ss_thread *t, uint32_t kind, uintptr_t obj,
                                    uint32_t seq);
#endif
