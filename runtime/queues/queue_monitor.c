/* The queue family's monitor tick: the coarse clock the common path
 * reads instead of the system's (one variable, advanced every 10 ms), and
 * every 50 ms the checks that watch queues over time: stalled blocking
 * calls, back-pressure and latency. */
#include <time.h>

#include "core/monitor.h"
#include "queue_flags.h"
#include "queue_qos.h"
#include "queue_stall.h"
#include "queue_table.h"

#define CLOCK_PERIOD_MS 10
#define CHECK_EVERY 5

SS_HIDDEN uint64_t ss_queue_clock_ms;
static uint32_t ticks;

SS_HIDDEN uint64_t ss_queue_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

SS_HIDDEN uint64_t ss_queue_stall_ms(const struct ss_queue *q) {
  uint32_t p = __atomic_load_n(&q->policy.stall_ms, __ATOMIC_RELAXED);
  return p ? p : (uint64_t)ss_queue_flags.queue_stall_ms;
}

static void tick(uint64_t now) {
  __atomic_store_n(&ss_queue_clock_ms, now, __ATOMIC_RELAXED);
  if (++ticks % CHECK_EVERY || !ss_queue_any())
    return;
  ss_queue_stall_tick(now);
  ss_queue_qos_tick(now);
}

SS_HIDDEN void ss_queue_monitor_init(void) {
  __atomic_store_n(&ss_queue_clock_ms, ss_monitor_now_ms(), __ATOMIC_RELAXED);
  ss_monitor_add(tick, CLOCK_PERIOD_MS);
}

SS_HIDDEN void ss_queue_monitor_fork_child(void) {
  __atomic_store_n(&ss_queue_clock_ms, ss_monitor_now_ms(), __ATOMIC_RELAXED);
}
