/* Lock-op descriptions of a pthread mutex and of a C11 mtx_t, for the hook
 * files that act on one without owning it (condvar waits re-acquire the
 * mutex; glibc builds mtx_t on pthread_mutex_t). */
#ifndef SYNCSAN_MUTEX_OP_H
#define SYNCSAN_MUTEX_OP_H
#include <pthread.h>
#include <threads.h>

#include "locks.h"

/* The type and the process-shared attribute, read from the object itself
 * so that mutexes set up by code the pass never saw (static initialisers,
 * libraries) are right too. */
static inline int ss_pthread_mutex_kind(const void *m) {
#if defined(__GLIBC__)
  /* glibc keeps the type (plus robust/PI/PP bits above it) in __kind; its
   * mtx_t is a pthread_mutex_t underneath, initialised by mtx_init with
   * PTHREAD_MUTEX_NORMAL or PTHREAD_MUTEX_RECURSIVE. */
  return __atomic_load_n(&((const pthread_mutex_t *)m)->__data.__kind, __ATOMIC_RELAXED);
#else
  (void)m;
  return PTHREAD_MUTEX_DEFAULT;
#endif
}

/* Whether mutex m is robust (PTHREAD_MUTEX_ROBUST): glibc's
 * PTHREAD_MUTEX_ROBUST_NORMAL_NP bit in __kind. */
static inline int ss_mutex_robust(const void *m) {
#if defined(__GLIBC__)
  return (ss_pthread_mutex_kind(m) & 16) != 0;
#else
  (void)m;
  return 0;
#endif
}

/* glibc's PTHREAD_MUTEX_PSHARED_BIT: set in __kind by a mutex initialised
 * PTHREAD_PROCESS_SHARED. Only acquisitions need it (held entries keep it),
 * so the hooks that acquire take it from ss_mutex_op's result, and the
 * others compute nothing for it. */
static inline uint8_t ss_mutex_pshared(int bits) {
#if defined(__GLIBC__)
  _Static_assert(128 >> 5 == SS_HELD_PSHARED, "the bit moves into place with one shift");
  return (uint8_t)((bits & 128) >> 5);
#else
  (void)bits;
  return 0;
#endif
}

/* Fills op for mutex m; returns the object's kind bits. */
static inline int ss_mutex_op(struct ss_lockop *op, const void *m, int kind, int acq,
                              const struct syncsan_site *site) {
  int bits = ss_pthread_mutex_kind(m);
  int type = bits & 3;
  *op = (struct ss_lockop){0};
  op->addr = (uintptr_t)m;
  op->site = site;
  op->kind = (uint16_t)kind;
  op->mode = SS_MODE_WRITE;
  op->acq = (uint8_t)acq;
  op->recursive = type == PTHREAD_MUTEX_RECURSIVE;
  /* mtx_t has no errorcheck type: a plain mtx re-locked hangs. */
  op->errorcheck = kind == SS_KIND_MUTEX && type == PTHREAD_MUTEX_ERRORCHECK;
  return bits;
}
#endif
