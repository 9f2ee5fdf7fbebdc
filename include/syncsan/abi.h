/* The contract between the syncsan pass and the syncsan runtime.
 *
 * The pass rewrites each synchronisation operation into a call to one of the
 * __syncsan_* hooks below. Every hook takes the operation's own arguments
 * unchanged, followed by a pointer to a constant site record that the pass
 * emitted for that call, and returns exactly what the real operation returns.
 * The hook performs the real operation itself, once; checks are side effects.
 *
 * This header is included by the runtime and documents what the pass emits;
 * programs never need it. Bump SYNCSAN_ABI_VERSION on any incompatible change:
 * the pass passes the version it was built for to __syncsan_init and the
 * runtime refuses (with a clear message) a module built for another one.
 */
#ifndef SYNCSAN_ABI_H
#define SYNCSAN_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SYNCSAN_ABI_VERSION 1

/* Operation kinds: X(enumerator suffix, printable name).
 * Append only: the numeric values are baked into compiled site records. */
#define SYNCSAN_OP_LIST(X)                                                     \
  X(UNKNOWN, "unknown")                                                        \
  X(MUTEX_INIT, "pthread_mutex_init")                                          \
  X(MUTEX_DESTROY, "pthread_mutex_destroy")                                    \
  X(MUTEX_LOCK, "pthread_mutex_lock")                                          \
  X(MUTEX_TRYLOCK, "pthread_mutex_trylock")                                    \
  X(MUTEX_TIMEDLOCK, "pthread_mutex_timedlock")                                \
  X(MUTEX_UNLOCK, "pthread_mutex_unlock")                                      \
  X(RWLOCK_INIT, "pthread_rwlock_init")                                        \
  X(RWLOCK_DESTROY, "pthread_rwlock_destroy")                                  \
  X(RWLOCK_RDLOCK, "pthread_rwlock_rdlock")                                    \
  X(RWLOCK_TRYRDLOCK, "pthread_rwlock_tryrdlock")                              \
  X(RWLOCK_TIMEDRDLOCK, "pthread_rwlock_timedrdlock")                          \
  X(RWLOCK_WRLOCK, "pthread_rwlock_wrlock")                                    \
  X(RWLOCK_TRYWRLOCK, "pthread_rwlock_trywrlock")                              \
  X(RWLOCK_TIMEDWRLOCK, "pthread_rwlock_timedwrlock")                          \
  X(RWLOCK_UNLOCK, "pthread_rwlock_unlock")                                    \
  X(SPIN_INIT, "pthread_spin_init")                                            \
  X(SPIN_DESTROY, "pthread_spin_destroy")                                      \
  X(SPIN_LOCK, "pthread_spin_lock")                                            \
  X(SPIN_TRYLOCK, "pthread_spin_trylock")                                      \
  X(SPIN_UNLOCK, "pthread_spin_unlock")                                        \
  X(MTX_INIT, "mtx_init")                                                      \
  X(MTX_DESTROY, "mtx_destroy")                                                \
  X(MTX_LOCK, "mtx_lock")                                                      \
  X(MTX_TRYLOCK, "mtx_trylock")                                                \
  X(MTX_TIMEDLOCK, "mtx_timedlock")                                            \
  X(MTX_UNLOCK, "mtx_unlock")                                                  \
  X(COND_INIT, "pthread_cond_init")                                            \
  X(COND_DESTROY, "pthread_cond_destroy")                                      \
  X(COND_WAIT, "pthread_cond_wait")                                            \
  X(COND_TIMEDWAIT, "pthread_cond_timedwait")                                  \
  X(COND_SIGNAL, "pthread_cond_signal")                                        \
  X(COND_BROADCAST, "pthread_cond_broadcast")                                  \
  X(CND_INIT, "cnd_init")                                                      \
  X(CND_DESTROY, "cnd_destroy")                                                \
  X(CND_WAIT, "cnd_wait")                                                      \
  X(CND_TIMEDWAIT, "cnd_timedwait")                                            \
  X(CND_SIGNAL, "cnd_signal")                                                  \
  X(CND_BROADCAST, "cnd_broadcast")                                            \
  X(BARRIER_INIT, "pthread_barrier_init")                                      \
  X(BARRIER_DESTROY, "pthread_barrier_destroy")                                \
  X(BARRIER_WAIT, "pthread_barrier_wait")                                      \
  X(THREAD_CREATE, "pthread_create")                                           \
  X(THREAD_JOIN, "pthread_join")                                               \
  X(THRD_CREATE, "thrd_create")                                                \
  X(THRD_JOIN, "thrd_join")                                                    \
  X(ATOMIC_LOAD, "atomic load")                                                \
  X(ATOMIC_STORE, "atomic store")                                              \
  X(ATOMIC_RMW, "atomic read-modify-write")                                    \
  X(ATOMIC_CMPXCHG, "atomic compare-exchange")                                 \
  X(FENCE, "atomic fence")                                                     \
  X(QUEUE_CREATE, "queue create")                                              \
  X(QUEUE_SEND, "queue send")                                                  \
  X(QUEUE_RECV, "queue receive")                                               \
  X(QUEUE_CLOSE, "queue close")                                                \
  X(QUEUE_DESTROY, "queue destroy")                                            \
  X(API, "syncsan API call")                                                   \
  X(MUTEX_CLOCKLOCK, "pthread_mutex_clocklock")                                \
  X(RWLOCK_CLOCKRDLOCK, "pthread_rwlock_clockrdlock")                          \
  X(RWLOCK_CLOCKWRLOCK, "pthread_rwlock_clockwrlock")                          \
  X(COND_CLOCKWAIT, "pthread_cond_clockwait")                                  \
  X(CXX_CONDVAR_INIT, "std::condition_variable::condition_variable")           \
  X(CXX_CONDVAR_DESTROY, "std::condition_variable::~condition_variable")       \
  X(CXX_CONDVAR_WAIT, "std::condition_variable::wait")                         \
  X(CXX_CONDVAR_NOTIFY_ONE, "std::condition_variable::notify_one")             \
  X(CXX_CONDVAR_NOTIFY_ALL, "std::condition_variable::notify_all")          \
  X(THREAD_TRYJOIN, "pthread_tryjoin_np")                                      \
  X(THREAD_TIMEDJOIN, "pthread_timedjoin_np")                                  \
  X(THREAD_CLOCKJOIN, "pthread_clockjoin_np")                                  \
  X(CXX_THREAD_JOIN, "std::thread::join")                                      \
  X(SEM_INIT, "sem_init")                                                      \
  X(SEM_DESTROY, "sem_destroy")                                                \
  X(SEM_OPEN, "sem_open")                                                      \
  X(SEM_CLOSE, "sem_close")                                                    \
  X(SEM_WAIT, "sem_wait")                                                      \
  X(SEM_TIMEDWAIT, "sem_timedwait")                                            \
  X(SEM_CLOCKWAIT, "sem_clockwait")                                            \
  X(SEM_TRYWAIT, "sem_trywait")                                                \
  X(SEM_POST, "sem_post")                                                      \
  X(OMP_BARRIER, "OpenMP barrier")                                             \
  X(OMP_IMPLICIT_BARRIER, "OpenMP implicit barrier")                           \
  X(CXX_BARRIER_INIT, "std::barrier::barrier")                                 \
  X(CXX_BARRIER_ARRIVE_AND_WAIT, "std::barrier::arrive_and_wait")              \
  X(CXX_BARRIER_ARRIVE, "std::barrier::arrive")                                \
  X(CXX_BARRIER_WAIT, "std::barrier::wait")                                    \
  X(CXX_BARRIER_ARRIVE_AND_DROP, "std::barrier::arrive_and_drop")              \
  X(CXX_SEM_INIT, "std::counting_semaphore::counting_semaphore")               \
  X(CXX_SEM_ACQUIRE, "std::counting_semaphore::acquire")                       \
  X(CXX_SEM_TRY_ACQUIRE, "std::counting_semaphore::try_acquire")               \
  X(CXX_SEM_RELEASE, "std::counting_semaphore::release")                       \
  X(CXX_LATCH_INIT, "std::latch::latch")                                       \
  X(CXX_LATCH_COUNT_DOWN, "std::latch::count_down")                            \
  X(CXX_LATCH_WAIT, "std::latch::wait")                                        \
  X(CXX_LATCH_ARRIVE_AND_WAIT, "std::latch::arrive_and_wait")

enum syncsan_op {
#define SYNCSAN_OP_ENUM(name, str) SYNCSAN_OP_##name,
  SYNCSAN_OP_LIST(SYNCSAN_OP_ENUM)
#undef SYNCSAN_OP_ENUM
  SYNCSAN_OP_COUNT
};

/* Site flags. */
#define SYNCSAN_SITE_NO_DEBUG_INFO 0x1u /* line/column unknown: compiled without -g */
#define SYNCSAN_SITE_SYSTEM_HEADER 0x2u /* inside a system-header wrapper (e.g.
                                           libstdc++'s __gthread_mutex_lock) */
#define SYNCSAN_SITE_CALLER 0x4u        /* a user call of such a wrapper; `object`
                                           names the called wrapper */
#define SYNCSAN_SITE_LEVEL_ORDERED 0x8u /* the level below is an ordered group */
#define SYNCSAN_SITE_INDIRECT 0x10u     /* reached through a function pointer (an
                                           __syncsan_indirect_* entry): the site
                                           says which operation, not where */
#define SYNCSAN_SITE_WRAPPER 0x20u     /* inside a lock wrapper the pass recognised
                                           (a function that only forwards its
                                           argument to the operation, or
                                           allocates and initialises a lock):
                                           reports and classes use the first
                                           frame above wrappers */
#define SYNCSAN_SITE_DYNAMIC 0x40u     /* runtime-only: made for an interposed
                                           call from uninstrumented code; never
                                           emitted by the pass */
/* Bits 16..31: the lock level declared on the object's declaration with
 * SYNCSAN_LOCK_LEVEL(n) (0: none). */
#define SYNCSAN_SITE_LEVEL_SHIFT 16

/* One static site record per rewritten operation, emitted by the pass as a
 * private constant. Layout in IR: { ptr, ptr, ptr, i32, i32, i32, i32 }. */
struct syncsan_site {
  const char *file;     /* source file; the module's file without -g; never NULL */
  const char *function; /* demangled enclosing (possibly inlined) function; never NULL */
  const char *object;   /* statically known name of the object operated on
                           (a global symbol), or NULL */
  uint32_t line;        /* 0 when unknown */
  uint32_t column;      /* 0 when unknown */
  uint32_t op;          /* enum syncsan_op */
  uint32_t flags;       /* SYNCSAN_SITE_* */
};

/* Called from every instrumented module's constructor; idempotent. */
void __syncsan_init(uint32_t abi_version);

/* The lock-typed globals a module defines (found by the pass from their IR
 * types: pthread mutexes and rwlocks, C11 mtx_t, std::mutex and friends,
 * and structs and arrays holding them). The runtime names a lock at an
 * address inside one by the global's symbol, however the lock was first
 * reached (through a pointer parameter at -O0, say), so its class, its
 * declared level and its policy-file level never depend on the access
 * path. Layout in IR: { ptr, i64, ptr, i32, i32 }. */
struct syncsan_global {
  const void *addr;
  uint64_t size;
  const char *name;  /* demangled symbol */
  uint32_t flags;    /* SYNCSAN_SITE_LEVEL_* bits of a SYNCSAN_LOCK_LEVEL annotation */
  uint32_t stride;   /* an array's element size (its elements share a class), or 0 */
};
void __syncsan_register_globals(const struct syncsan_global *globals, uint64_t n);

/* The names (demangled, as in site records) of the lock wrappers a module
 * defines, registered from its constructor, so that reports skip their
 * frames above the innermost one. */
void __syncsan_register_wrappers(const char *const *names, uint64_t n);

/* Where the user called a system-header wrapper from. Without inlining
 * (-O0), std::mutex::lock() reaches pthread_mutex_lock inside libstdc++'s
 * headers, whose site would name the header. The pass stores the user's call
 * site (SYNCSAN_SITE_CALLER) here around each call of such a wrapper, and
 * the runtime names it instead of a SYNCSAN_SITE_SYSTEM_HEADER site. */
extern __thread const struct syncsan_site *__syncsan_caller_site;

#ifdef __cplusplus
}
#endif

#endif /* SYNCSAN_ABI_H */
