/* cpu-oversubscribed: more runnable threads than the CPUs the quota, the
 * cpuset and the affinity allow, sustained (docs/checks.md). */
#ifndef SYNCSAN_NUMA_CONTEXT_OVERSUB_H
#define SYNCSAN_NUMA_CONTEXT_OVERSUB_H
#include "core/internal.h"

/* On the monitor thread, every tick: looks when oversub_check_ms has
 * passed since the last look. */
SS_HIDDEN void ss_oversub_tick(uint64_t now_ms);
SS_HIDDEN void ss_oversub_fork_child(void);
/* The runnable threads of this process (state R in
 * /proc/self/task/<tid>/stat), except `skip_tid`, reading at most `max`
 * threads (*truncated set when there were more); -1 when /proc cannot be
 * read. Exposed for unit tests. */
/* The episode rule on its own (exposed for unit tests): one look at time
 * now, over the limit or not, with `runnable` threads. Returns 1 when the
 * episode has lasted `window_ms` and was not reported yet (the caller
 * reports; once per process). */
struct ss_oversub_episode {
  int in_episode, dips, reported;
  uint64_t since_ms;
  unsigned peak;
};
SS_HIDDEN int ss_oversub_step(struct ss_oversub_episode *e, uint64_t now, int over,
                              unsigned runnable, uint64_t window_ms);
SS_HIDDEN int ss_oversub_count_runnable(int skip_tid, unsigned max, int *truncated);
#endif
