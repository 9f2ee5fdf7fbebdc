/* Calls in flight and the occupancy bounds (queue_bounds.h). */
#include "queue_bounds.h"

#include "core/access.h"

#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

SS_HIDDEN int ss_queue_fence_publish, ss_queue_fast_off;
static int have_membarrier;

static int membarrier(int cmd) { return (int)syscall(__NR_membarrier, cmd, 0, 0); }

static void setup(void) {
  int cmds = membarrier(MEMBARRIER_CMD_QUERY);
  have_membarrier = cmds > 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
                    membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0;
  ss_queue_fence_publish = !have_membarrier;
  ss_queue_fast_off = ss_queue_fence_publish || ss_access_on;
}

SS_HIDDEN void ss_queue_bounds_init(void) { setup(); }

/* The child's memory map is new: registered again (or fenced). */
SS_HIDDEN void ss_queue_bounds_fork_child(void) { setup(); }

/* Makes every thread's earlier stores visible; 0 when it cannot. */
static int barrier_all(void) {
  if (!have_membarrier)
    return 1; /* publications are fenced themselves */
  return membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0;
}

struct scan {
  uintptr_t want; /* record | side */
  int64_t n;
  int unknown;
};

static void scan_thread(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct scan *s = arg;
  struct ss_queue_thread *qt = ss_queue_thread_of(t);
  if (!qt)
    return;
  if (__atomic_load_n(&qt->overflow, __ATOMIC_ACQUIRE))
    s->unknown = 1;
  for (uint32_t i = 0; i < SS_QUEUE_INFLIGHT; i++)
    if ((__atomic_load_n(&qt->inflight[i], __ATOMIC_ACQUIRE) & ~(uintptr_t)SS_QUEUE_INF_BLOCK) ==
        s->want)
      s->n++;
}

SS_HIDDEN int ss_queue_untracked_seen;

/* Calls of q on one side in flight in every registered thread. A thread
 * the registry does not hold (untracked, past max_threads) neither counts
 * nor publishes its calls, so once one has used a queue nothing is
 * decided. */
static int in_flight(struct ss_queue *q, uintptr_t side, int64_t *n) {
  struct scan s = {(uintptr_t)q | side, 0, __atomic_load_n(&ss_queue_untracked_seen,
                                                           __ATOMIC_RELAXED)};
  ss_threads_foreach(scan_thread, &s);
  *n = s.n;
  return !s.unknown;
}

SS_HIDDEN int ss_queue_lower_bound(struct ss_queue *q, uint64_t pushes, int64_t *lb) {
  int64_t pops_in_flight;
  if (!barrier_all() || !in_flight(q, SS_QUEUE_INF_POP, &pops_in_flight))
    return 0;
  /* The slots before the count: a pop that left its slot was counted. */
  uint64_t pops = ss_queue_pops(q);
  *lb = (int64_t)pushes - (int64_t)pops - pops_in_flight;
  return 1;
}

SS_HIDDEN int ss_queue_upper_bound(struct ss_queue *q, int64_t *ub) {
  uint64_t pops = ss_queue_pops(q);
  int64_t pushes_in_flight;
  if (!barrier_all() || !in_flight(q, SS_QUEUE_INF_PUSH, &pushes_in_flight))
    return 0;
  uint64_t pushes = ss_queue_pushes(q);
  *ub = (int64_t)pushes + pushes_in_flight - (int64_t)pops;
  return 1;
}
