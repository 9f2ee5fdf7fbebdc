/* Lock contention profile (profile_locks=1) and lock-hold-too-long.
 *
 * Timing reads the clock around each acquire and at each release, so it is
 * on only when one of those options asks for it. Statistics go to a table
 * of the thread's own (no shared writes while the program runs) and are
 * merged into the process table when the thread exits and at exit. */
#ifndef SYNCSAN_LOCK_PROFILE_H
#define SYNCSAN_LOCK_PROFILE_H
#include <time.h>

#include "lockop.h"

SS_HIDDEN extern int ss_timing_on;

static inline uint64_t ss_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

SS_HIDDEN void ss_profile_init(void);
SS_HIDDEN void ss_profile_acquired(struct ss_lock_thread *t, const struct ss_lockop *op,
                                   uint64_t wait_ns);
SS_HIDDEN void ss_profile_released(struct ss_lock_thread *t, const struct ss_held *h,
                                   const struct syncsan_site *release_site, uint64_t now_ns);
SS_HIDDEN void ss_profile_thread_exit(struct ss_lock_thread *t);
/* At exit: merges the remaining threads and prints the table. */
SS_HIDDEN void ss_profile_finish(void);
#endif
