/* The runtime's hooks for the intercepted operations, one prototype per row
 * of <syncsan/intercept.h>: __syncsan_<name>(the function's own parameters,
 * const struct syncsan_site *site), returning what the function returns;
 * and each row's entry point for calls through a function pointer.
 *
 * The runtime compiles every hook definition against these prototypes, so
 * a hook and the row the pass rewrites calls by cannot drift apart: a
 * mismatch is a compile error. C only (the runtime is C11). */
#ifndef SYNCSAN_HOOKS_H
#define SYNCSAN_HOOKS_H

#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/types.h>
#include <threads.h>
#include <time.h>

#include "syncsan/abi.h"
#include "syncsan/cxx_hooks.h" /* C++20 objects' members: no rows, it says why */
#include "syncsan/intercept.h"

#define SYNCSAN_HOOK_PARAMS(...)                                                            \
  SYNCSAN_ROW_CAT_(SYNCSAN_HOOK_PARAMS_, SYNCSAN_ROW_NO_PARAMS(__VA_ARGS__))(__VA_ARGS__)
#define SYNCSAN_HOOK_PARAMS_0(...) (__VA_ARGS__, const struct syncsan_site *)
#define SYNCSAN_HOOK_PARAMS_1(...) (const struct syncsan_site *)
#define SYNCSAN_HOOK_PROTOTYPE(name, op, group, ret, params, handle, success)                 \
  ret __syncsan_##name SYNCSAN_HOOK_PARAMS params;
SYNCSAN_INTERCEPTED_CALLS(SYNCSAN_HOOK_PROTOTYPE)
#undef SYNCSAN_HOOK_PROTOTYPE

/* The semaphore checks' part of sem_open and sem_close, which are no rows
 * (sem_open is variadic and answers SEM_FAILED): their interposers
 * (runtime/interpose/sem_open.c) call these, after a sem_open that
 * returned s, and before the real sem_close(s). */
void __syncsan_sem_opened(sem_t *s, const struct syncsan_site *site);
void __syncsan_sem_closing(sem_t *s, const struct syncsan_site *site);

/* The message queue checks' part of mq_open and mq_setattr, which are no
 * rows (mq_open is variadic): their interposers (runtime/interpose/
 * mq_open.c) call these after an mq_open that returned the descriptor q
 * for name, and after an mq_setattr that set q's flags (O_NONBLOCK or
 * not) to flags. */
void __syncsan_mq_opened(mqd_t q, const char *name, const struct syncsan_site *site);
void __syncsan_mq_flags_set(mqd_t q, long flags, const struct syncsan_site *site);

/* The entry points that stand for the intercepted functions' addresses,
 * one per row: __syncsan_indirect_<name>, with the function's own
 * signature. The pass replaces every use of an intercepted function that is
 * not a direct call (a lock-ops table's initialiser, a stored or passed
 * function pointer) by its entry, which calls the row's hook with a site
 * that says the call came through a function pointer
 * (SYNCSAN_SITE_INDIRECT). Defined in runtime/indirect.c. */
#define SYNCSAN_INDIRECT_PROTOTYPE(name, op, group, ret, params, handle, success)             \
  ret __syncsan_indirect_##name SYNCSAN_ROW_PROTO params;
SYNCSAN_INTERCEPTED_CALLS(SYNCSAN_INDIRECT_PROTOTYPE)
#undef SYNCSAN_INDIRECT_PROTOTYPE

#endif /* SYNCSAN_HOOKS_H */
