/* POSIX semaphore state: one record per semaphore address, with what the
 * checks need to know about it: whether it is initialised, its value as
 * the hooks saw it change (initial value + posts - successful waits), the
 * threads that ever posted it, and how many threads are blocked in it.
 *
 * Records live in a striped-spinlock hash table, in mmap'd chunks that are
 * never unmapped, so a record's address is stable for the whole run: a
 * thread keeps the records it uses in a small thread-local cache and a
 * hook's bookkeeping is one critical section on the record's stripe.
 * Bounded: past SS_SEM_MAX semaphores, new ones go untracked after a
 * one-time warning. A destroyed semaphore keeps its record (that is how a
 * later use of it is recognised) until the address is initialised again. */
#ifndef SYNCSAN_SEM_TABLE_H
#define SYNCSAN_SEM_TABLE_H
#include "core/internal.h"

#define SS_SEM_MAX 65536u
#define SS_SEM_MAX_POSTERS 64u

enum ss_sem_state {
  SS_SEM_UNKNOWN = 0,   /* no record: never initialised, as far as syncsan saw */
  SS_SEM_LIVE = 1,      /* initialised (sem_init, sem_open) or adopted */
  SS_SEM_DESTROYED = 2, /* sem_destroy, and no init since */
  SS_SEM_CLOSED = 3,    /* a named semaphore's last sem_close */
};

/* How a live semaphore came to be. */
enum ss_sem_origin {
  SS_SEM_BY_INIT = 0, /* sem_init */
  SS_SEM_BY_OPEN = 1, /* sem_open */
  SS_SEM_ADOPTED = 2, /* first seen in a wait or post: origin unknown */
};

struct ss_sem_rec; /* sem_table.c */

/* A consistent copy of one semaphore's record, for reports and the stall
 * check. */
struct ss_sem_info {
  uint32_t id; /* "S<id>" in reports: one per initialisation */
  uint8_t state, origin;
  /* Another process may post it (sem_init with pshared, sem_open, or an
   * adopted semaphore): the posters this process sees are not all. */
  uint8_t shared;
  uint8_t posters_lost; /* more than SS_SEM_MAX_POSTERS threads posted it */
  uint32_t initial;
  uint64_t posts, waits; /* successful posts and waits the hooks saw */
  uint32_t waiting;      /* threads inside a blocking wait */
  uint32_t blocked;      /* of those, surely not woken by a post yet */
  const struct syncsan_site *init_site;    /* NULL for an adopted semaphore */
  const struct syncsan_site *destroy_site; /* of a destroyed or closed one */
  const char *name;                        /* its global, or a named semaphore's name */
  uint32_t nposters;
  uint32_t posters[SS_SEM_MAX_POSTERS]; /* tids, in the order they first posted */
  const struct syncsan_site *post_sites[SS_SEM_MAX_POSTERS]; /* each one's first post */
};

/* The value the hooks' counts give (0 when waits outnumber what they saw
 * posted: a post from a signal handler inside the runtime, or from
 * another process, is not counted). */
static inline uint64_t ss_sem_value(const struct ss_sem_info *i) {
  uint64_t have = (uint64_t)i->initial + i->posts;
  return have > i->waits ? have - i->waits : 0;
}

/* An init: a new semaphore at s, live, value `value`. The previous
 * record's state is copied to *prev (state SS_SEM_UNKNOWN when none): a
 * re-init while threads are blocked in it is sem-destroy-in-use. A named
 * semaphore opened again (the same mapping) keeps its record and counts
 * one more open. */
SS_HIDDEN void ss_sem_created(uintptr_t s, unsigned value, int shared, enum ss_sem_origin origin,
                              const char *name, const struct syncsan_site *site,
                              struct ss_sem_info *prev);
/* A destroy (close: 1 for a named semaphore's sem_close, which ends it
 * only at its last close). *prev is the state before. */
SS_HIDDEN void ss_sem_ended(uintptr_t s, int close, const struct syncsan_site *site,
                            struct ss_sem_info *prev);

/* The semaphore's state as the hooks' fast paths need it: SS_SEM_LIVE
 * from the thread's cache without a lock when this thread used it since
 * the last destroy anywhere, else from the table. */
SS_HIDDEN enum ss_sem_state ss_sem_state(uintptr_t s);
/* A semaphore in use that has no record (SS_SEM_UNKNOWN) gets one:
 * adopted, with its current value, shared (origin unknown). */
SS_HIDDEN void ss_sem_adopt(uintptr_t s, unsigned value, int shared);

/* A post of n units (sem_post: 1; std::counting_semaphore::release(n))
 * by thread tid at site is about to happen: counted, tid added to the
 * posters. Returns the record to undo it with if the post fails
 * (NULL: untracked). */
SS_HIDDEN struct ss_sem_rec *ss_sem_post(uintptr_t s, uint32_t tid,
                                         const struct syncsan_site *site, uint64_t n);
SS_HIDDEN void ss_sem_post_failed(struct ss_sem_rec *r, uintptr_t s);
/* A wait that succeeded without blocking. */
SS_HIDDEN void ss_sem_waited(uintptr_t s);
/* Around a wait that may block: the thread is blocked in it between the
 * two; `ok` says whether it took a unit. The ticket names the record and
 * the initialisation the wait began under (rec NULL: untracked). */
struct ss_sem_ticket {
  struct ss_sem_rec *rec;
  uint32_t id;
  uint64_t posts; /* the semaphore's post count when the wait began */
};
SS_HIDDEN struct ss_sem_ticket ss_sem_block_begin(uintptr_t s);
SS_HIDDEN void ss_sem_block_end(struct ss_sem_ticket tk, uintptr_t s, int ok);

/* A copy of s's record; 0 when it has none. Slow paths. */
SS_HIDDEN int ss_sem_peek(uintptr_t s, struct ss_sem_info *out);

/* In a forked child: no thread is blocked in any semaphore. */
SS_HIDDEN void ss_sem_table_fork_child(void);
#endif
