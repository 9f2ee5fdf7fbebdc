/* The library functions behind the names the runtime intercepts.
 *
 * A dynamically linked program gets the runtime's interposers
 * (runtime/interpose/): exported definitions of pthread_mutex_lock and the
 * other names of <syncsan/intercept.h>, so that calls from code the pass
 * never compiled reach the hooks too. The executable's own references to
 * those names (the runtime's included) then bind to the interposers, so
 * every call the runtime makes to the C library's function goes through
 * this table instead: a hook, a runtime-internal use (the watchdog's
 * pthread_create, a condvar wait's mutex), never the plain name.
 *
 * One pointer per row of the table, plus the interposed functions that are
 * no rows (thread names, sem_open, mq_open). Each pointer starts at a stub of the same
 * signature that looks the function up, stores it and calls it, so a hook
 * that runs before start-up (ss_real_init, the first thing it does) works
 * too; after that the hook's call is one load and one indirect call, what
 * the PLT costs. The stores race only with each other and with loads of
 * the same pointer, and every racer stores the same value: relaxed atomics
 * suffice, the function's code being mapped before anyone looks it up. */
#ifndef SYNCSAN_REAL_H
#define SYNCSAN_REAL_H
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/types.h>
#include <threads.h>
#include <time.h>

#include "syncsan/intercept.h"

#include "internal.h"
#include "rows.h"
#include "thread.h"

struct ss_real_fns {
#define SS_REAL_FIELD(name, op, group, ret, params, handle, success)                          \
  ret(*name) SYNCSAN_ROW_PROTO params;
  SYNCSAN_INTERCEPTED_CALLS(SS_REAL_FIELD)
#undef SS_REAL_FIELD
#define SS_REAL_EXTRA_FIELD(name, ret, params) ret(*name) params;
  SS_REAL_EXTRAS(SS_REAL_EXTRA_FIELD)
#undef SS_REAL_EXTRA_FIELD
};
SS_HIDDEN extern struct ss_real_fns ss_real_fns;

/* The real function of that name, to call: SS_REAL(pthread_mutex_lock)(m). */
#define SS_REAL(name) (__atomic_load_n(&ss_real_fns.name, __ATOMIC_RELAXED))

/* Looks every function up (start-up, before anything else runs). */
SS_HIDDEN void ss_real_init(void);

/* Where the function called `name` is: `direct`, its address as the
 * executable resolved it, when the executable has no interposers (a static
 * link, a program linked without them); the next definition after the
 * executable's (dlsym(RTLD_NEXT)) when it has, for `interposed` names. NULL
 * if there is none. The interposers' archive replaces the default
 * definition (a weak one, in real.c). */
SS_HIDDEN void *ss_real_lookup(const char *name, void *direct, int interposed);
/* Whether the program has the interposers, so that every call of an
 * intercepted function in the process, from any code, reaches the runtime
 * (a check that concludes from a call it did not see, such as "this
 * semaphore was never initialised", needs that). 1 from the interposers'
 * archive, 0 from the weak default (real.c). */
SS_HIDDEN int ss_interposers_linked(void);

/* Forwarding. An instrumented call of a libstdc++ member that the runtime
 * forwards to the member itself (std::condition_variable::wait) reaches
 * pthread_cond_wait through libstdc++'s PLT, that is, the interposer: the
 * same operation, already checked by the member's hook. Between
 * ss_forward_begin and ss_forward_end the thread's interposed calls go
 * straight to the real functions. A thread cancelled in between unwinds
 * through the hook, whose cleanup handler ends the forwarding. */
static SS_ALWAYS_INLINE void ss_forward_begin(void) {
  ss_self.forwarding++;
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
static SS_ALWAYS_INLINE void ss_forward_end(void) {
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  ss_self.forwarding--;
}
/* An interposed call that must only perform the real operation: one made
 * from inside the runtime (a report's stack walk, a signal handler that
 * interrupted a hook) or while forwarding. */
static SS_ALWAYS_INLINE int ss_interposed_bypass(void) {
  return SS_UNLIKELY(ss_self.in_hook | ss_self.forwarding);
}
#endif
