/* Expanding the rows of <syncsan/intercept.h> into C definitions: a row's
 * parameter list with names, the names alone, how to return its result,
 * and which rows are libstdc++ members. The generated files (indirect.c,
 * real.c, the interposers) share these, so they expand a row alike. */
#ifndef SYNCSAN_ROWS_H
#define SYNCSAN_ROWS_H

/* The row's parameter types with names (a0, a1, ...), and the names alone
 * (SS_NAMES_THEN: followed by a comma, to put before one more argument).
 * __typeof__ names a function-pointer type without a declarator to nest
 * the name in (pthread_create's start routine). Rows have 0 to 5; an
 * empty list () is (void) in a definition. */
#define SS_COUNT(...) SS_COUNT_(__VA_ARGS__, 5, 4, 3, 2, 1, 0)
#define SS_COUNT_(a, b, c, d, e, n, ...) n
#define SS_CAT(a, b) SS_CAT_(a, b)
#define SS_CAT_(a, b) a##b
#define SS_ARITY(...) SS_CAT(SS_ARITY_, SYNCSAN_ROW_NO_PARAMS(__VA_ARGS__))(__VA_ARGS__)
#define SS_ARITY_0(...) SS_COUNT(__VA_ARGS__)
#define SS_ARITY_1(...) 0
#define SS_NAMED(...) SS_CAT(SS_NAMED_, SS_ARITY(__VA_ARGS__))(__VA_ARGS__)
#define SS_NAMED_0(...) void
#define SS_NAMED_1(t0) __typeof__(t0) a0
#define SS_NAMED_2(t0, t1) __typeof__(t0) a0, __typeof__(t1) a1
#define SS_NAMED_3(t0, t1, t2) __typeof__(t0) a0, __typeof__(t1) a1, __typeof__(t2) a2
#define SS_NAMED_4(t0, t1, t2, t3)                                                          \
  __typeof__(t0) a0, __typeof__(t1) a1, __typeof__(t2) a2, __typeof__(t3) a3
#define SS_NAMED_5(t0, t1, t2, t3, t4)                                                      \
  __typeof__(t0) a0, __typeof__(t1) a1, __typeof__(t2) a2, __typeof__(t3) a3,               \
      __typeof__(t4) a4
#define SS_NAMES(...) SS_CAT(SS_NAMES_, SS_ARITY(__VA_ARGS__))
#define SS_NAMES_0
#define SS_NAMES_1 a0
#define SS_NAMES_2 a0, a1
#define SS_NAMES_3 a0, a1, a2
#define SS_NAMES_4 a0, a1, a2, a3
#define SS_NAMES_5 a0, a1, a2, a3, a4
#define SS_NAMES_THEN(...) SS_CAT(SS_NAMES_THEN_, SS_ARITY(__VA_ARGS__))
#define SS_NAMES_THEN_0
#define SS_NAMES_THEN_1 a0,
#define SS_NAMES_THEN_2 a0, a1,
#define SS_NAMES_THEN_3 a0, a1, a2,
#define SS_NAMES_THEN_4 a0, a1, a2, a3,
#define SS_NAMES_THEN_5 a0, a1, a2, a3, a4,

/* A void function returns nothing (C has no `return void-expression;`). */
#define SS_RETURN_ZERO return
#define SS_RETURN_THRD return
#define SS_RETURN_VOID
#define SS_RETURN_NONNULL return
#define SS_RETURN_NONNEG return
#define SS_RETURN_NONZERO return

/* Rows whose function is a libstdc++ member (std::condition_variable's,
 * std::thread::join), by operation. They are not interposed: the members
 * are thin wrappers that call pthread_cond_* (pthread_join) through
 * libstdc++'s PLT, which is interposed, so
 * uninstrumented callers are seen there already (with the caller's return
 * address, as the members tail-call), and a C program must not define the
 * C++ symbols that libstdc++ binds its own calls to. SS_IF_CXX(op, text)
 * is text for those rows and nothing for the others; SS_UNLESS_CXX the
 * reverse. A new libstdc++ row is one more line here
 * (test/unit/abi/test_intercept_table.c checks that none is missing). */
#define SS_CXX_OP_CXX_CONDVAR_INIT ~, 1
#define SS_CXX_OP_CXX_CONDVAR_DESTROY ~, 1
#define SS_CXX_OP_CXX_CONDVAR_WAIT ~, 1
#define SS_CXX_OP_CXX_CONDVAR_NOTIFY_ONE ~, 1
#define SS_CXX_OP_CXX_CONDVAR_NOTIFY_ALL ~, 1
#define SS_CXX_OP_CXX_THREAD_JOIN ~, 1
#define SS_ROW_SECOND(a, b, ...) b
#define SS_ROW_PROBE(...) SS_ROW_SECOND(__VA_ARGS__, 0, ~)
#define SS_IS_CXX(op) SS_ROW_PROBE(SS_CAT(SS_CXX_OP_, op))
#define SS_IF_CXX(op, ...) SS_CAT(SS_ROW_IF_, SS_IS_CXX(op))(__VA_ARGS__)
#define SS_UNLESS_CXX(op, ...) SS_CAT(SS_ROW_UNLESS_, SS_IS_CXX(op))(__VA_ARGS__)
#define SS_ROW_IF_1(...) __VA_ARGS__
#define SS_ROW_IF_0(...)
#define SS_ROW_UNLESS_1(...)
#define SS_ROW_UNLESS_0(...) __VA_ARGS__

/* Rows whose function lives in a library most programs do not link
 * (GLib's GAsyncQueue), by name. The runtime has no strong reference to
 * them: its table of real functions declares them weak and looks them up
 * at their first call, not at start-up, so a program without the library
 * starts, and says nothing about it; their interposers are weak, so a
 * program's own definition of such a name is the one the executable has
 * (and such a program is never sent to GLib's). An interposer of a
 * program without GLib is reached only by a library that calls GLib, and
 * so has it loaded. SS_IF_LAZY(name, text) is text for those rows and
 * nothing for the others. A new GLib row is one more line here
 * (test/unit/abi/test_intercept_table.c checks that none is missing). */
#define SS_LAZY_g_async_queue_new ~, 1
#define SS_LAZY_g_async_queue_new_full ~, 1
#define SS_LAZY_g_async_queue_ref ~, 1
#define SS_LAZY_g_async_queue_ref_unlocked ~, 1
#define SS_LAZY_g_async_queue_unref ~, 1
#define SS_LAZY_g_async_queue_unref_and_unlock ~, 1
#define SS_LAZY_g_async_queue_push ~, 1
#define SS_LAZY_g_async_queue_push_unlocked ~, 1
#define SS_LAZY_g_async_queue_push_front ~, 1
#define SS_LAZY_g_async_queue_push_front_unlocked ~, 1
#define SS_LAZY_g_async_queue_push_sorted ~, 1
#define SS_LAZY_g_async_queue_push_sorted_unlocked ~, 1
#define SS_LAZY_g_async_queue_pop ~, 1
#define SS_LAZY_g_async_queue_pop_unlocked ~, 1
#define SS_LAZY_g_async_queue_try_pop ~, 1
#define SS_LAZY_g_async_queue_try_pop_unlocked ~, 1
#define SS_LAZY_g_async_queue_timeout_pop ~, 1
#define SS_LAZY_g_async_queue_timeout_pop_unlocked ~, 1
#define SS_LAZY_g_async_queue_remove ~, 1
#define SS_LAZY_g_async_queue_remove_unlocked ~, 1
#define SS_IS_LAZY(name) SS_ROW_PROBE(SS_CAT(SS_LAZY_, name))
#define SS_IF_LAZY(name, ...) SS_CAT(SS_ROW_IF_, SS_IS_LAZY(name))(__VA_ARGS__)
#define SS_UNLESS_LAZY(name, ...) SS_CAT(SS_ROW_UNLESS_, SS_IS_LAZY(name))(__VA_ARGS__)

/* Functions the runtime interposes that are no rows: X(name, ret, params).
 * Thread names (the pass has nothing to rewrite in them: they act on no
 * synchronisation object, and reports only read what they set), and
 * sem_open, whose variadic signature and SEM_FAILED result no row can
 * describe, with its sem_close; mq_open (variadic too), with mq_setattr,
 * which changes a descriptor's O_NONBLOCK. Instrumented code's calls reach the
 * interposers too, so in a program without them (a static link) named
 * semaphores are not seen. */
#define SS_REAL_EXTRAS(X)                                                                   \
  X(pthread_setname_np, int, (pthread_t, const char *))                                    \
  X(prctl, int, (int, ...))                                                                \
  X(sem_open, sem_t *, (const char *, int, ...))                                           \
  X(sem_close, int, (sem_t *))                                                             \
  X(mq_open, mqd_t, (const char *, int, ...))                                              \
  X(mq_setattr, int, (mqd_t, const struct mq_attr *, struct mq_attr *))
#endif
