/* The one table of intercepted operations.
 *
 * Every library function that syncsan takes over is one row here, and every
 * front end reads this table instead of keeping its own list: the LLVM pass
 * builds its rewrite table from it (pass/locks/InterceptedCalls.cpp), the
 * runtime's hook prototypes are generated from it (<syncsan/hooks.h>, which
 * every hook definition is compiled against, so a hook whose C signature
 * drifts from its row does not compile), and the GCC plugin reads it too.
 * Adding an operation is one row here plus the hook's definition.
 *
 * This header is pure macros: it includes nothing, so C and C++ front ends
 * can expand it with their own definition of X.
 *
 * X(name, op, group, ret, params, handle, success)
 *   name     the C library's symbol (a mangled name for libstdc++ members);
 *            the hook is __syncsan_<name>
 *   op       SYNCSAN_OP_<op> (abi.h), recorded in the call's site
 *   group    LOCK, THREAD, BARRIER or QUEUE: which pass option
 *            (instrument-locks, instrument-threads, instrument-barriers,
 *            instrument-queues) turns the rewrite on; BARRIER covers
 *            barriers and semaphores, QUEUE the built-in queues
 *   ret      the C return type
 *   params   the C parameter types, parenthesised; the hook takes them
 *            unchanged, then `const struct syncsan_site *`
 *            (0 to 5 of them; () for none)
 *   handle   index into params of the synchronisation object the operation
 *            acts on: the site names it, and its declared level is read
 *            from it; SYNCSAN_ROW_RESULT when the operation makes the
 *            object and returns it (g_async_queue_new). An integer handle
 *            (an mqd_t) names no object in the site.
 *   success  how the result says the operation took effect:
 *            ZERO  0 (POSIX), THRD  thrd_success (C11), VOID  no result,
 *            NONNULL  a non-NULL pointer, NONNEG  >= 0 (-1 and errno on
 *            failure: a ssize_t byte count), NONZERO  non-zero (true)
 *
 * The helpers after the table expand a row's params the same way in every
 * front end: SYNCSAN_ROW_NO_PARAMS(params...) is 1 for a row with no
 * parameters, 0 otherwise; SYNCSAN_ROW_PROTO params is the C parameter
 * list of a prototype, (void) for none.
 */
#ifndef SYNCSAN_INTERCEPT_H
#define SYNCSAN_INTERCEPT_H

#define SYNCSAN_INTERCEPTED_CALLS(X)                                                          \
  X(pthread_mutex_init, MUTEX_INIT, LOCK, int,                                                \
    (pthread_mutex_t *, const pthread_mutexattr_t *), 0, ZERO)                               \
  X(pthread_mutex_destroy, MUTEX_DESTROY, LOCK, int, (pthread_mutex_t *), 0, ZERO)           \
  X(pthread_mutex_lock, MUTEX_LOCK, LOCK, int, (pthread_mutex_t *), 0, ZERO)                 \
  X(pthread_mutex_trylock, MUTEX_TRYLOCK, LOCK, int, (pthread_mutex_t *), 0, ZERO)           \
  X(pthread_mutex_timedlock, MUTEX_TIMEDLOCK, LOCK, int,                                      \
    (pthread_mutex_t *, const struct timespec *), 0, ZERO)                                   \
  X(pthread_mutex_unlock, MUTEX_UNLOCK, LOCK, int, (pthread_mutex_t *), 0, ZERO)             \
  X(pthread_mutex_clocklock, MUTEX_CLOCKLOCK, LOCK, int,                                      \
    (pthread_mutex_t *, clockid_t, const struct timespec *), 0, ZERO)                        \
  X(pthread_rwlock_init, RWLOCK_INIT, LOCK, int,                                              \
    (pthread_rwlock_t *, const pthread_rwlockattr_t *), 0, ZERO)                             \
  X(pthread_rwlock_destroy, RWLOCK_DESTROY, LOCK, int, (pthread_rwlock_t *), 0, ZERO)        \
  X(pthread_rwlock_rdlock, RWLOCK_RDLOCK, LOCK, int, (pthread_rwlock_t *), 0, ZERO)          \
  X(pthread_rwlock_tryrdlock, RWLOCK_TRYRDLOCK, LOCK, int, (pthread_rwlock_t *), 0, ZERO)    \
  X(pthread_rwlock_timedrdlock, RWLOCK_TIMEDRDLOCK, LOCK, int,                                \
    (pthread_rwlock_t *, const struct timespec *), 0, ZERO)                                  \
  X(pthread_rwlock_clockrdlock, RWLOCK_CLOCKRDLOCK, LOCK, int,                                \
    (pthread_rwlock_t *, clockid_t, const struct timespec *), 0, ZERO)                       \
  X(pthread_rwlock_wrlock, RWLOCK_WRLOCK, LOCK, int, (pthread_rwlock_t *), 0, ZERO)          \
  X(pthread_rwlock_trywrlock, RWLOCK_TRYWRLOCK, LOCK, int, (pthread_rwlock_t *), 0, ZERO)    \
  X(pthread_rwlock_timedwrlock, RWLOCK_TIMEDWRLOCK, LOCK, int,                                \
    (pthread_rwlock_t *, const struct timespec *), 0, ZERO)                                  \
  X(pthread_rwlock_clockwrlock, RWLOCK_CLOCKWRLOCK, LOCK, int,                                \
    (pthread_rwlock_t *, clockid_t, const struct timespec *), 0, ZERO)                       \
  X(pthread_rwlock_unlock, RWLOCK_UNLOCK, LOCK, int, (pthread_rwlock_t *), 0, ZERO)          \
  X(pthread_spin_init, SPIN_INIT, LOCK, int, (pthread_spinlock_t *, int), 0, ZERO)           \
  X(pthread_spin_destroy, SPIN_DESTROY, LOCK, int, (pthread_spinlock_t *), 0, ZERO)          \
  X(pthread_spin_lock, SPIN_LOCK, LOCK, int, (pthread_spinlock_t *), 0, ZERO)                \
  X(pthread_spin_trylock, SPIN_TRYLOCK, LOCK, int, (pthread_spinlock_t *), 0, ZERO)          \
  X(pthread_spin_unlock, SPIN_UNLOCK, LOCK, int, (pthread_spinlock_t *), 0, ZERO)            \
  X(mtx_init, MTX_INIT, LOCK, int, (mtx_t *, int), 0, THRD)                                  \
  X(mtx_destroy, MTX_DESTROY, LOCK, void, (mtx_t *), 0, VOID)                                \
  X(mtx_lock, MTX_LOCK, LOCK, int, (mtx_t *), 0, THRD)                                       \
  X(mtx_trylock, MTX_TRYLOCK, LOCK, int, (mtx_t *), 0, THRD)                                 \
  X(mtx_timedlock, MTX_TIMEDLOCK, LOCK, int, (mtx_t *, const struct timespec *), 0, THRD)    \
  X(mtx_unlock, MTX_UNLOCK, LOCK, int, (mtx_t *), 0, THRD)                                   \
  X(pthread_cond_init, COND_INIT, LOCK, int,                                                  \
    (pthread_cond_t *, const pthread_condattr_t *), 0, ZERO)                                 \
  X(pthread_cond_destroy, COND_DESTROY, LOCK, int, (pthread_cond_t *), 0, ZERO)              \
  X(pthread_cond_wait, COND_WAIT, LOCK, int, (pthread_cond_t *, pthread_mutex_t *), 0, ZERO) \
  X(pthread_cond_timedwait, COND_TIMEDWAIT, LOCK, int,                                        \
    (pthread_cond_t *, pthread_mutex_t *, const struct timespec *), 0, ZERO)                 \
  X(pthread_cond_clockwait, COND_CLOCKWAIT, LOCK, int,                                        \
    (pthread_cond_t *, pthread_mutex_t *, clockid_t, const struct timespec *), 0, ZERO)      \
  X(pthread_cond_signal, COND_SIGNAL, LOCK, int, (pthread_cond_t *), 0, ZERO)                \
  X(pthread_cond_broadcast, COND_BROADCAST, LOCK, int, (pthread_cond_t *), 0, ZERO)          \
  X(cnd_init, CND_INIT, LOCK, int, (cnd_t *), 0, THRD)                                       \
  X(cnd_destroy, CND_DESTROY, LOCK, void, (cnd_t *), 0, VOID)                                \
  X(cnd_wait, CND_WAIT, LOCK, int, (cnd_t *, mtx_t *), 0, THRD)                              \
  X(cnd_timedwait, CND_TIMEDWAIT, LOCK, int, (cnd_t *, mtx_t *, const struct timespec *), 0, \
    THRD)                                                                                    \
  X(cnd_signal, CND_SIGNAL, LOCK, int, (cnd_t *), 0, THRD)                                   \
  X(cnd_broadcast, CND_BROADCAST, LOCK, int, (cnd_t *), 0, THRD)                             \
  /* std::condition_variable's constructor, destructor, notify_* and the                  \
   * untimed wait live in libstdc++.so (its timed waits are inline and reach               \
   * pthread_cond_clockwait above), so they are taken over by their stable                 \
   * Itanium-ABI names. C1/D1 are the complete-object forms callers use;                   \
   * C2/D2 are their aliases. */                                                           \
  X(_ZNSt18condition_variableC1Ev, CXX_CONDVAR_INIT, LOCK, void, (void *), 0, VOID)          \
  X(_ZNSt18condition_variableC2Ev, CXX_CONDVAR_INIT, LOCK, void, (void *), 0, VOID)          \
  X(_ZNSt18condition_variableD1Ev, CXX_CONDVAR_DESTROY, LOCK, void, (void *), 0, VOID)       \
  X(_ZNSt18condition_variableD2Ev, CXX_CONDVAR_DESTROY, LOCK, void, (void *), 0, VOID)       \
  X(_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE, CXX_CONDVAR_WAIT, LOCK, void, \
    (void *, void *), 0, VOID)                                                               \
  X(_ZNSt18condition_variable10notify_oneEv, CXX_CONDVAR_NOTIFY_ONE, LOCK, void, (void *), 0, \
    VOID)                                                                                    \
  X(_ZNSt18condition_variable10notify_allEv, CXX_CONDVAR_NOTIFY_ALL, LOCK, void, (void *), 0, \
    VOID)                                                                                    \
  X(pthread_create, THREAD_CREATE, THREAD, int,                                               \
    (pthread_t *, const pthread_attr_t *, void *(*)(void *), void *), 0, ZERO)               \
  X(thrd_create, THRD_CREATE, THREAD, int, (thrd_t *, thrd_start_t, void *), 0, THRD)       \
  X(pthread_join, THREAD_JOIN, THREAD, int, (pthread_t, void **), 0, ZERO)                   \
  X(pthread_tryjoin_np, THREAD_TRYJOIN, THREAD, int, (pthread_t, void **), 0, ZERO)          \
  X(pthread_timedjoin_np, THREAD_TIMEDJOIN, THREAD, int,                                      \
    (pthread_t, void **, const struct timespec *), 0, ZERO)                                  \
  X(pthread_clockjoin_np, THREAD_CLOCKJOIN, THREAD, int,                                      \
    (pthread_t, void **, clockid_t, const struct timespec *), 0, ZERO)                       \
  X(thrd_join, THRD_JOIN, THREAD, int, (thrd_t, int *), 0, THRD)                             \
  /* std::thread::join is out of line in libstdc++ and calls pthread_join                 \
   * through its PLT, like the std::condition_variable members above. */                  \
  X(_ZNSt6thread4joinEv, CXX_THREAD_JOIN, THREAD, void, (void *), 0, VOID)                  \
  /* POSIX semaphores. sem_open is variadic and answers SEM_FAILED, so it                  \
   * is no row: the runtime interposes it and sem_close by name                            \
   * (runtime/interpose/sem_open.c), for instrumented and uninstrumented                   \
   * callers alike. sem_clockwait is glibc's (2.30). */                                    \
  X(sem_init, SEM_INIT, BARRIER, int, (sem_t *, int, unsigned), 0, ZERO)                     \
  X(sem_destroy, SEM_DESTROY, BARRIER, int, (sem_t *), 0, ZERO)                              \
  X(sem_wait, SEM_WAIT, BARRIER, int, (sem_t *), 0, ZERO)                                    \
  X(sem_timedwait, SEM_TIMEDWAIT, BARRIER, int, (sem_t *, const struct timespec *), 0, ZERO) \
  X(sem_clockwait, SEM_CLOCKWAIT, BARRIER, int,                                              \
    (sem_t *, clockid_t, const struct timespec *), 0, ZERO)                                  \
  X(sem_trywait, SEM_TRYWAIT, BARRIER, int, (sem_t *), 0, ZERO)                              \
  X(sem_post, SEM_POST, BARRIER, int, (sem_t *), 0, ZERO)                                   \
  X(pthread_barrier_init, BARRIER_INIT, BARRIER, int,                                         \
    (pthread_barrier_t *, const pthread_barrierattr_t *, unsigned), 0, ZERO)                 \
  X(pthread_barrier_wait, BARRIER_WAIT, BARRIER, int, (pthread_barrier_t *), 0, ZERO)        \
  X(pthread_barrier_destroy, BARRIER_DESTROY, BARRIER, int, (pthread_barrier_t *), 0, ZERO) \
  /* POSIX message queues (in glibc's libc since 2.34); the descriptor, an                \
   * int, is the handle. mq_open is variadic and answers a descriptor made                 \
   * from nothing, so it is no row: the runtime interposes it and                          \
   * mq_setattr by name (runtime/interpose/mq_open.c). */                                 \
  X(mq_send, QUEUE_SEND, QUEUE, int, (mqd_t, const char *, size_t, unsigned), 0, ZERO)      \
  X(mq_timedsend, QUEUE_SEND, QUEUE, int,                                                   \
    (mqd_t, const char *, size_t, unsigned, const struct timespec *), 0, ZERO)              \
  X(mq_receive, QUEUE_RECV, QUEUE, ssize_t, (mqd_t, char *, size_t, unsigned *), 0, NONNEG) \
  X(mq_timedreceive, QUEUE_RECV, QUEUE, ssize_t,                                            \
    (mqd_t, char *, size_t, unsigned *, const struct timespec *), 0, NONNEG)                \
  X(mq_close, QUEUE_CLOSE, QUEUE, int, (mqd_t), 0, ZERO)                                    \
  /* GLib's GAsyncQueue, in libglib, which most programs do not link: the                 \
   * runtime resolves these lazily and its interposers are weak (core/rows.h,              \
   * SS_IS_LAZY). Written without GLib's headers: GAsyncQueue * and gpointer               \
   * are void *, gboolean int, guint64 unsigned long (LP64), GDestroyNotify                \
   * and GCompareDataFunc function pointers. A reference (ref) is no queue                 \
   * operation, but the last unref destroys the queue. */                                 \
  X(g_async_queue_new, QUEUE_CREATE, QUEUE, void *, (), SYNCSAN_ROW_RESULT, NONNULL)        \
  X(g_async_queue_new_full, QUEUE_CREATE, QUEUE, void *, (void (*)(void *)),                \
    SYNCSAN_ROW_RESULT, NONNULL)                                                           \
  X(g_async_queue_ref, QUEUE_CREATE, QUEUE, void *, (void *), 0, NONNULL)                   \
  X(g_async_queue_ref_unlocked, QUEUE_CREATE, QUEUE, void, (void *), 0, VOID)               \
  X(g_async_queue_unref, QUEUE_DESTROY, QUEUE, void, (void *), 0, VOID)                     \
  X(g_async_queue_unref_and_unlock, QUEUE_DESTROY, QUEUE, void, (void *), 0, VOID)          \
  X(g_async_queue_push, QUEUE_SEND, QUEUE, void, (void *, void *), 0, VOID)                 \
  X(g_async_queue_push_unlocked, QUEUE_SEND, QUEUE, void, (void *, void *), 0, VOID)        \
  X(g_async_queue_push_front, QUEUE_SEND, QUEUE, void, (void *, void *), 0, VOID)           \
  X(g_async_queue_push_front_unlocked, QUEUE_SEND, QUEUE, void, (void *, void *), 0, VOID)  \
  X(g_async_queue_push_sorted, QUEUE_SEND, QUEUE, void,                                     \
    (void *, void *, int (*)(const void *, const void *, void *), void *), 0, VOID)         \
  X(g_async_queue_push_sorted_unlocked, QUEUE_SEND, QUEUE, void,                            \
    (void *, void *, int (*)(const void *, const void *, void *), void *), 0, VOID)         \
  X(g_async_queue_pop, QUEUE_RECV, QUEUE, void *, (void *), 0, NONNULL)                     \
  X(g_async_queue_pop_unlocked, QUEUE_RECV, QUEUE, void *, (void *), 0, NONNULL)            \
  X(g_async_queue_try_pop, QUEUE_RECV, QUEUE, void *, (void *), 0, NONNULL)                 \
  X(g_async_queue_try_pop_unlocked, QUEUE_RECV, QUEUE, void *, (void *), 0, NONNULL)        \
  X(g_async_queue_timeout_pop, QUEUE_RECV, QUEUE, void *, (void *, unsigned long), 0,       \
    NONNULL)                                                                               \
  X(g_async_queue_timeout_pop_unlocked, QUEUE_RECV, QUEUE, void *, (void *, unsigned long), \
    0, NONNULL)                                                                            \
  X(g_async_queue_remove, QUEUE_RECV, QUEUE, int, (void *, void *), 0, NONZERO)             \
  X(g_async_queue_remove_unlocked, QUEUE_RECV, QUEUE, int, (void *, void *), 0, NONZERO)

/* A row's handle when the operation returns the object it makes. */
#define SYNCSAN_ROW_RESULT (-1)

/* 1 when a row's parameter list is empty: the first parameter, if any, is
 * put between a function-like macro's name and (), which call it only when
 * there is nothing between them. No row's first type begins with '('. */
#define SYNCSAN_ROW_NO_PARAMS(...)                                                            \
  SYNCSAN_ROW_SECOND_I_(SYNCSAN_ROW_APPLY_(SYNCSAN_ROW_EMPTY_, SYNCSAN_ROW_FIRST_(__VA_ARGS__, ~)), \
                        0, ~)
#define SYNCSAN_ROW_FIRST_(a, ...) a
#define SYNCSAN_ROW_APPLY_(m, a) m a ()
#define SYNCSAN_ROW_EMPTY_() ~, 1
#define SYNCSAN_ROW_SECOND_I_(...) SYNCSAN_ROW_SECOND_(__VA_ARGS__)
#define SYNCSAN_ROW_SECOND_(a, b, ...) b
#define SYNCSAN_ROW_CAT_(a, b) SYNCSAN_ROW_CAT_I_(a, b)
#define SYNCSAN_ROW_CAT_I_(a, b) a##b
/* A prototype's parameter list: SYNCSAN_ROW_PROTO params. */
#define SYNCSAN_ROW_PROTO(...)                                                                \
  SYNCSAN_ROW_CAT_(SYNCSAN_ROW_PROTO_, SYNCSAN_ROW_NO_PARAMS(__VA_ARGS__))(__VA_ARGS__)
#define SYNCSAN_ROW_PROTO_0(...) (__VA_ARGS__)
#define SYNCSAN_ROW_PROTO_1(...) (void)

#endif /* SYNCSAN_INTERCEPT_H */
