/* A bounded pool of fixed-size records, for the families' tables (locks,
 * condition variables, semaphores, queues): records come from mmap'd
 * chunks that are never unmapped, so a pointer to a record stays valid for
 * the life of the process (a freed record may be handed out again). Past
 * its bound the pool hands out nothing, and says so once. */
#ifndef SYNCSAN_POOL_H
#define SYNCSAN_POOL_H
#include "internal.h"

struct ss_pool_chunk;

struct ss_pool {
  /* Set by SS_POOL_INIT. */
  /* The warning when full: "more than <limit><max> <what>; <past>". */
  const char *limit;  /* the option that sets max, with "=" ("max_locks="), or "" */
  const char *what;   /* "live condition variables" */
  const char *past;   /* "condvars created past that are not checked" */
  size_t size;        /* a record's size */
  size_t link;        /* offset of the record's pointer that links the free list */
  uint32_t per_chunk;
  /* Most records handed out and not freed; a family may set it from an
   * option before the first allocation. */
  unsigned long max;
  /* The pool's lock: a static ss_spin_t of the table's, defined with
   * SS_RUNTIME_LOCK so that fork() holds it. The fields below are under it. */
  ss_spin_t *lock;
  struct ss_pool_chunk *chunks; /* newest first; published with release */
  uint32_t used;                /* records taken from the newest chunk */
  void *free_list;
  unsigned long live;
  uint32_t next_id;
  int warned;
};
#define SS_POOL_INIT(type, link_field, per_chunk_, max_, lock_, limit_, what_, past_)     \
  {                                                                                         \
    .limit = (limit_), .what = (what_), .past = (past_), .size = sizeof(type),              \
    .link = offsetof(type, link_field), .per_chunk = (per_chunk_), .max = (max_),           \
    .lock = (lock_), .next_id = 1                                                           \
  }

/* A record (its contents are the previous user's, or zero), and its
 * serial in *id when id is not NULL (1, 2, ...: never 0, never reused).
 * NULL when the pool is at its bound. */
SS_HIDDEN void *ss_pool_alloc(struct ss_pool *p, uint32_t *id);
/* Gives a record back; the caller has made it unreachable. */
SS_HIDDEN void ss_pool_free(struct ss_pool *p, void *rec);
/* A fresh serial, for something that gets no record. */
SS_HIDDEN uint32_t ss_pool_new_id(struct ss_pool *p);
/* Calls fn on every record ever handed out (freed ones too: the caller
 * tells them by their contents), without the pool's lock: chunks are
 * published complete, so records allocated meanwhile may or may not be
 * seen. */
SS_HIDDEN void ss_pool_foreach(struct ss_pool *p, void (*fn)(void *rec, void *arg), void *arg);

/* *slot, mapping it (bytes, zeroed) on the first call: a table's buckets,
 * mapped at its first use rather than at start-up. Racing mappers: the
 * loser unmaps its copy. NULL when mmap fails. */
SS_HIDDEN void *ss_map_once(void **slot, size_t bytes);
#endif
