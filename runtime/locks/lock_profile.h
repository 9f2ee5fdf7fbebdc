/* Lock contention profile (profile_locks=1) and lock-hold-too-long.
 *
 * What the clock costs decides what is timed. Reading CLOCK_MONOTONIC
 * costs 20-30 ns, several times an uncontended lock pair, so:
 *  - every acquisition is counted, and none reads the clock to learn that
 *    it did not wait: with timing on, blocking acquires try the real
 *    trylock first (locks.h, ss_lock_try_first), and only one that finds
 *    the lock taken reads the clock before it blocks and after (its wait
 *    is exact; an acquire that did not block waited 0);
 *  - the hold of one acquisition in profile_sample (and of every
 *    contended one) is timed, for the profile's hold maximum;
 *  - lock_hold_warn_ms needs every hold, at its scale of milliseconds:
 *    CLOCK_MONOTONIC_COARSE (a few ns; it ticks every few ms) at both
 *    ends, and a hold is reported only when the coarse difference exceeds
 *    the threshold by more than one tick, so that no short hold is
 *    reported (a hold within one tick above the threshold may be missed).
 * Statistics go to a table of the thread's own (no shared writes while the
 * program runs) and are merged into the process table when the thread
 * exits and at exit. */
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

/* CLOCK_MONOTONIC_COARSE in ms (it wraps after 49 days; holds are
 * differences), and its resolution in ms, rounded up. */
static inline uint32_t ss_coarse_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return (uint32_t)((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}
SS_HIDDEN extern uint32_t ss_coarse_res_ms;

SS_HIDDEN void ss_profile_init(void);
SS_HIDDEN void ss_profile_count(struct ss_lock_thread *t, uint32_t node,
                                const struct syncsan_site *site, uint64_t wait_ns);
/* An acquisition of class node at site took its lock; t0 is the clock
 * before it blocked (0: it did not block). With profile_locks, it is
 * counted with its wait, and the clock is read when that wait needs it or
 * the hold is one in profile_sample. Returns the acquisition time for the
 * held entry: 0 when the hold is not timed. The general path and the
 * first-lock path (locks.h) both decide here. */
static inline uint64_t ss_profile_acquire(struct ss_lock_thread *t, uint32_t node,
                                          const struct syncsan_site *site, uint64_t t0) {
  if (!ss_lock_flags.profile_locks)
    return 0;
  int timed = t0 != 0;
  if (++t->prof_tick >= (uint32_t)ss_lock_flags.profile_sample) {
    t->prof_tick = 0;
    timed = 1;
  }
  uint64_t now = timed ? ss_now_ns() : 0;
  ss_profile_count(t, node, site, t0 ? now - t0 : 0);
  return now;
}
/* The release of h; now_ns is the clock if h's hold was timed (acq_ns),
 * else 0. */
SS_HIDDEN void ss_profile_released(struct ss_lock_thread *t, const struct ss_held *h,
                                   const struct syncsan_site *release_site, uint64_t now_ns);
SS_HIDDEN void ss_profile_thread_exit(struct ss_lock_thread *t);
/* At exit: merges the remaining threads and prints the table. */
SS_HIDDEN void ss_profile_finish(void);
#endif
