/* The runtime's own primitives: a spinlock for its shared tables and
 * memory straight from mmap. Neither goes through anything the program (or
 * syncsan's own hooks) could have taken over. */
#include "thread.h"

#include <errno.h>
#include <sched.h>
#include <sys/mman.h>

static inline void ss_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

/* Holding a runtime lock counts as being inside the runtime (thread.h),
 * from before the acquire to after the release: a hook that a signal
 * handler enters in between never waits for a lock its thread holds.
 *
 * A waiter spins a little, then yields: with more runnable threads than
 * CPUs (thousands of threads on two cores), a holder that was preempted
 * gets its CPU back instead of every waiter burning a full time slice. */
#define SPINS_BEFORE_YIELD 128

SS_HIDDEN void ss_spin_lock(ss_spin_t *s) {
  ss_enter_runtime();
  unsigned spins = 0;
  for (;;) {
    if (!__atomic_exchange_n(&s->v, 1, __ATOMIC_ACQUIRE))
      return;
    while (__atomic_load_n(&s->v, __ATOMIC_RELAXED)) {
      if (++spins < SPINS_BEFORE_YIELD)
        ss_cpu_relax();
      else
        sched_yield();
    }
  }
}

SS_HIDDEN int ss_spin_trylock(ss_spin_t *s, unsigned tries) {
  ss_enter_runtime();
  for (unsigned i = 0; i < tries; i++) {
    if (!__atomic_exchange_n(&s->v, 1, __ATOMIC_ACQUIRE))
      return 1;
    sched_yield();
  }
  ss_leave_runtime();
  return 0;
}

SS_HIDDEN void ss_spin_unlock(ss_spin_t *s) {
  __atomic_store_n(&s->v, 0, __ATOMIC_RELEASE);
  ss_leave_runtime();
}

/* Hooks map memory between the program's calls: a failure must not leave
 * its ENOMEM in the program's errno. */
SS_HIDDEN void *ss_map(size_t bytes) {
  int saved = errno;
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                 -1, 0);
  errno = saved;
  return p == MAP_FAILED ? NULL : p;
}

SS_HIDDEN void ss_unmap(void *p, size_t bytes) {
  int saved = errno;
  munmap(p, bytes);
  errno = saved;
}
