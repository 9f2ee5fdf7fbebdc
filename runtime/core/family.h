/* A family of checks (locks, atomics, ...), as the core sees it: a name,
 * its options, and the callbacks the core runs at start-up, thread exit,
 * process exit and fork. The core knows no family by name; the composition
 * root (runtime/init.c) defines the table, one row per family, and the
 * core walks it. */
#ifndef SYNCSAN_FAMILY_H
#define SYNCSAN_FAMILY_H
#include "fatal_signal.h"
#include "flags.h"
#include "thread.h"

struct ss_family {
  const char *name;
  /* The family's runtime options (parsed with the core's, listed by help=1
   * after them); may be empty. */
  const struct ss_flag_desc *flags;
  unsigned nflags;
  /* After options and the log are set up, before the main thread is
   * registered. Start-up is single-threaded. */
  void (*init)(void);
  /* On the thread itself, once it is registered, before its first hook
   * runs past registration. */
  void (*thread_start)(struct ss_thread *t);
  /* On the thread itself, after it gave itself a name (pthread_setname_np
   * on pthread_self(), prctl(PR_SET_NAME), syncsan_set_thread_name) and
   * the name is stored; not when another thread names it. May be NULL. */
  void (*thread_named)(struct ss_thread *t, const char *name);
  /* On the thread itself: at its exit (process_exit 0), or for the main
   * thread when the process exits (1). The thread may still run hooks
   * afterwards (other destructors), so state must stay usable. */
  void (*thread_exit)(struct ss_thread *t, int process_exit);
  /* At process exit, after every family's thread_exit for the main thread:
   * exit summaries. */
  void (*process_exit)(void);
  /* Around fork(), on the forking thread (core/fork.c). fork_prepare runs
   * before the runtime's locks are taken; fork_parent and fork_child after
   * they are free again, and in the child after every other thread has
   * left the registry: the child's state must forget what the threads
   * that did not survive the fork were doing (waits, helper threads). */
  void (*fork_prepare)(void);
  void (*fork_parent)(void);
  void (*fork_child)(void);
  /* A fatal signal is ending the process (core/fatal_signal.h): in the
   * signal handler, on the thread that got it, which was not inside the
   * runtime. No malloc; runtime locks only with bounded tries (another
   * thread may be stuck holding one); the process ends right after. */
  void (*fatal_signal)(const struct ss_fatal *f);
  /* What thread t (another thread, live; the registry lock is held) is
   * blocked in, when it is a wait of this family's (a lock, a condvar, a
   * barrier, ...): writes one phrase to buf (at most n bytes, NUL
   * included; "blocked acquiring mutex 0x... at a.c:12:3") and returns 1;
   * returns 0 when the thread is in no wait of this family's. Reads only
   * what the owner publishes with atomic stores. May be NULL. */
  int (*thread_where)(struct ss_thread *t, char *buf, size_t n);
  /* ss_thread_waits_for's part for this family's waits: the tids (at most
   * max, into out) that thread tid waits for when it is blocked in one of
   * this family's waits; 0 otherwise. Called without the registry lock
   * held (it may take it). May be NULL. */
  uint32_t (*waits_for)(uint32_t tid, uint32_t *out, uint32_t max);
  /* Whether thread t (live; the registry lock is held), blocked without a
   * timeout in this family's wait of `kind` (SS_BLOCK_*) on obj, the wait
   * its block note numbers seq, has seen nothing since the wait began that
   * could end it (a semaphore: no post). 1 only when that is certain, for
   * the lock watchdog's rule that every thread of the process is blocked
   * (ss_thread_block_unwoken). May be NULL. */
  int (*block_unwoken)(struct ss_thread *t, uint32_t kind, uintptr_t obj, uint32_t seq);
  /* ss_thread_wait_detail's part for this family's waits: when thread
   * `waiter` is blocked in one of them on an object that thread `holder`
   * holds (a lock), the object's label (at most n bytes, NUL included),
   * where waiter waits and where holder took the object: 1; else 0.
   * Called without the registry lock held. May be NULL. */
  int (*wait_detail)(uint32_t waiter, uint32_t holder, char *label, size_t n,
                     const struct syncsan_site **wait_site,
                     const struct syncsan_site **held_site);
};

/* Defined by the composition root. */
SS_HIDDEN extern const struct ss_family *const ss_families[];
SS_HIDDEN extern const unsigned ss_nfamilies;
#endif
