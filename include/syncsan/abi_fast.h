/* The in-line lock fast path: the part of the runtime's per-thread state
 * that code emitted by the pass reads and writes itself.
 *
 * Why. An out-of-line hook that checks nothing on an uncontended first
 * lock still costs a call, a prologue that saves what lives across the
 * real call, and the hook's own re-derivation of what the call site knows
 * statically (the lock kind, the mode, the site's flags): about 2x a plain
 * lock/unlock pair. Emitted in the caller, the same work is a handful of
 * loads and stores to the thread's own cache lines (docs/performance.md).
 *
 * What the emitted code does, and nothing else:
 * - a blocking acquire (pthread_mutex_lock, pthread_rwlock_rdlock/wrlock,
 *   pthread_spin_lock, mtx_lock) by a thread that holds no lock, is not
 *   inside the runtime, and whose state allows it (fast_off 0), of a lock
 *   whose class the thread's class cache holds with a current epoch: it
 *   publishes the wait (wait_site, wait_seq, waiting_for), calls the real
 *   function through the runtime's table, clears the wait and, if the call
 *   returned 0 and the thread still holds nothing, pushes held entry 0 from
 *   the cache entry, the site's constants and the chain key of a one-lock
 *   chain, then sets nheld to 1, as a runtime region (in_hook + 1, so that
 *   a signal handler's lock cannot write over the half-made entry). Any
 *   other outcome goes to __syncsan_fast_v1_lock_end, which records what
 *   the hook would have;
 * - a release (pthread_mutex_unlock, pthread_rwlock_unlock,
 *   pthread_spin_unlock, mtx_unlock) of the innermost held lock, held
 *   once, with fast_off 0 and outside the runtime: it pops the
 *   entry (addr, then nheld, as ss_unlock_top does) and calls the real
 *   function;
 * - everything else calls the hook, which stays the single place where
 *   checks happen. The emitted path is exactly the runtime's first-lock
 *   path (runtime/locks/locks.h, ss_lock_first_begin/end) and its
 *   ss_unlock_top, so a program behaves and reports the same with it and
 *   without it (-mllvm -syncsan-inline-fast-path=0).
 *
 * Only executables' code gets it (the runtime lives in the executable, so
 * these symbols are link-time constants there, and the thread-locals are
 * initial-exec): a module built for a shared library calls the hooks.
 *
 * Versioned: the symbols carry the layout's version, so an object compiled
 * for another layout fails to link instead of corrupting the state. Change
 * any offset below and bump SYNCSAN_FAST_VERSION and the names. The runtime
 * checks every offset against its structs at compile time
 * (runtime/locks/lock_fast.c). */
#ifndef SYNCSAN_ABI_FAST_H
#define SYNCSAN_ABI_FAST_H

#include <stdint.h>

#include "abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SYNCSAN_FAST_VERSION 1

/* Symbols (hidden, in the executable's runtime). */
#define SYNCSAN_FAST_LOCKS_TLS "__syncsan_fast_v1_locks"   /* thread-local lock state */
#define SYNCSAN_FAST_CORE_TLS "__syncsan_fast_v1_core"     /* thread-local core state */
#define SYNCSAN_FAST_REAL "__syncsan_fast_v1_real"         /* real functions: below */
#define SYNCSAN_FAST_EPOCHS "__syncsan_fast_v1_epochs"     /* uint32_t[EPOCH_BUCKETS] */
#define SYNCSAN_FAST_LOCK_END "__syncsan_fast_v1_lock_end" /* below */

/* The real functions the emitted code calls: __syncsan_fast_v1_real[i] is
 * the C library's function number i of this list, in this order (fixed
 * within a version, whatever rows intercept.h gains). */
#define SYNCSAN_FAST_REAL_FNS(X)                                                              \
  X(pthread_mutex_lock)                                                                       \
  X(pthread_mutex_unlock)                                                                     \
  X(pthread_rwlock_rdlock)                                                                    \
  X(pthread_rwlock_wrlock)                                                                    \
  X(pthread_rwlock_unlock)                                                                    \
  X(pthread_spin_lock)                                                                        \
  X(pthread_spin_unlock)                                                                      \
  X(mtx_lock)                                                                                 \
  X(mtx_unlock)
enum syncsan_fast_real {
#define SYNCSAN_FAST_REAL_ENUM(name) SYNCSAN_FAST_REAL_##name,
  SYNCSAN_FAST_REAL_FNS(SYNCSAN_FAST_REAL_ENUM)
#undef SYNCSAN_FAST_REAL_ENUM
  SYNCSAN_FAST_REAL_COUNT
};

/* The thread-local lock state. */
#define SYNCSAN_FAST_NHELD 0        /* uint32_t: locks held */
#define SYNCSAN_FAST_OFF 4          /* uint32_t: nonzero keeps the in-line path off */
#define SYNCSAN_FAST_WAITING_FOR 8  /* uintptr_t: the lock being waited for (release store) */
#define SYNCSAN_FAST_WAIT_SITE 16   /* const struct syncsan_site * */
#define SYNCSAN_FAST_WAIT_SEQ 24    /* uint32_t: +1 per wait */
#define SYNCSAN_FAST_CLASS_CACHE 32 /* struct entry *: the class cache */
#define SYNCSAN_FAST_HELD 64        /* the held-lock stack's first entries, in line */
#define SYNCSAN_FAST_HELD_SIZE 64   /* bytes per entry */
/* A held entry. */
#define SYNCSAN_FAST_H_ADDR 0       /* uintptr_t (relaxed store, last but nheld) */
#define SYNCSAN_FAST_H_SITE 8       /* const struct syncsan_site * */
#define SYNCSAN_FAST_H_CHAIN 16     /* uint64_t */
#define SYNCSAN_FAST_H_ACQ_NS 24    /* uint64_t: 0 */
#define SYNCSAN_FAST_H_CLASS 32     /* uint32_t class, uint32_t generation */
#define SYNCSAN_FAST_H_LEVEL 40     /* int32_t level, uint16_t kind, uint16_t mode */
#define SYNCSAN_FAST_H_DEPTH 48     /* uint32_t depth (0), uint32_t flags */
/* The thread-local core state: the runtime-region depth. */
#define SYNCSAN_FAST_CORE_IN_HOOK 6 /* uint16_t: nonzero inside the runtime */

/* The class cache: 1 << CACHE_BITS entries; lock addr's slot is
 * (addr * CACHE_MUL) >> (64 - CACHE_BITS). */
#define SYNCSAN_FAST_CACHE_BITS 10
#define SYNCSAN_FAST_CACHE_MUL 0x9e3779b97f4a7c15ull
#define SYNCSAN_FAST_C_SIZE 32
#define SYNCSAN_FAST_C_ADDR 0       /* uintptr_t */
#define SYNCSAN_FAST_C_EPOCH 8      /* uint32_t: the epoch bucket's value when filled */
#define SYNCSAN_FAST_C_VALID 12     /* uint32_t: nonzero when filled */
#define SYNCSAN_FAST_C_CLASS 16     /* uint32_t class, uint32_t generation: as H_CLASS */
#define SYNCSAN_FAST_C_LEVEL 24     /* int32_t */
#define SYNCSAN_FAST_C_FLAGS 28     /* uint32_t: the held entry's flags */

/* Epochs: lock addr's bucket is ((addr >> 4) ^ (addr >> 12)) & (BUCKETS - 1),
 * read with an acquire load; the entry is current while they are equal. */
#define SYNCSAN_FAST_EPOCH_BUCKETS 256u

/* Lock kinds and modes of held entries (runtime/locks/lock_thread.h). */
#define SYNCSAN_FAST_KIND_MUTEX 0
#define SYNCSAN_FAST_KIND_RWLOCK 1
#define SYNCSAN_FAST_KIND_SPIN 2
#define SYNCSAN_FAST_KIND_MTX 3
#define SYNCSAN_FAST_MODE_WRITE 0
#define SYNCSAN_FAST_MODE_READ 1

/* The chain key of a chain of one lock (ss_chain_step from an empty
 * chain, not a try): h = (class << 20 | mode << 2 | 1) ^ (uint32_t)level << 44;
 * h *= CHAIN_MUL; key = (h ^ h >> CHAIN_SHIFT) & ~1. */
#define SYNCSAN_FAST_CHAIN_MUL 0x9e3779b97f4a7c15ull
#define SYNCSAN_FAST_CHAIN_SHIFT 29

/* The emitted acquire's real call returned rc, which is not 0, or the
 * cache entry it read changed under it (a signal handler's lock): records
 * what the hook would have for that result (a robust mutex's EOWNERDEAD
 * is an acquisition) and returns rc. site's op says which operation. */
int __syncsan_fast_v1_lock_end(void *lock, int rc, const struct syncsan_site *site);

#ifdef __cplusplus
}
#endif

#endif /* SYNCSAN_ABI_FAST_H */
