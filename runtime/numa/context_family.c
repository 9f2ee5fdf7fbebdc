/* The context family's row (context_family.h): its options and its one
 * monitor tick, which serves both cpu-oversubscribed and the pressure
 * handlers (each keeps its own period inside it). */
#include "numa/context_family.h"

#include "core/monitor.h"
#include "numa/context_cpus.h"
#include "numa/context_flags.h"
#include "numa/context_oversub.h"
#include "numa/pressure_watch.h"

SS_HIDDEN struct ss_context_flags ss_context_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "context_flags.def"
#undef SS_FLAG
};

#define SS_FLAG_VAR ss_context_flags
static const struct ss_flag_desc context_flag_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "context_flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

static void tick(uint64_t now) {
  ss_oversub_tick(now);
  ss_pressure_tick(now);
}

/* The tick exists when either user of it may need it; with both off (or
 * a program that never registers a pressure handler nor starts a second
 * thread) it reads no file. Ticks can only be added at start-up, hence
 * registered here for handlers that may come later; until one does, the
 * pressure part of a tick is one load. */
static void context_init(void) {
  ss_ctx_cpus_init();
  long p = 0;
  long o = ss_context_flags.oversub_check_ms, q = ss_context_flags.pressure_poll_ms;
  if (o > 0)
    p = o;
  if (q > 0 && (!p || q < p))
    p = q;
  if (p)
    ss_monitor_add(tick, (uint32_t)(p > 1000 ? 1000 : p));
}

/* Oversubscription needs a second thread: the monitor starts with it (as
 * the lock watchdog's does). */
static void context_thread_start(struct ss_thread *t) {
  if (t->tid != 0 && ss_context_flags.oversub_check_ms > 0)
    ss_monitor_start();
}

static void context_fork_child(void) {
  ss_oversub_fork_child();
  ss_pressure_fork_child();
  if (ss_pressure_watched())
    ss_monitor_start();
}

SS_HIDDEN const struct ss_family ss_numa_context_family = {
    .name = "numa-context",
    .flags = context_flag_descs,
    .nflags = SS_ARRAY_SIZE(context_flag_descs),
    .init = context_init,
    .thread_start = context_thread_start,
    .fork_child = context_fork_child,
};
