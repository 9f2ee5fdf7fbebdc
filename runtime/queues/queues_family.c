/* The queue family as the core runs it: its options, its policy file and
 * its monitor tick, each thread's published state, the exit table, and
 * what a fork means for the model. */
#include "queues_family.h"

#include <string.h>

#include "queue_bounds.h"
#include "queue_call.h"
#include "queue_flags.h"
#include "queue_policy.h"
#include "queue_profile.h"
#include "queue_qos.h"
#include "queue_stall.h"
#include "queue_table.h"
#include "queue_thread.h"

SS_HIDDEN struct ss_queue_flags ss_queue_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "queue_flags.def"
#undef SS_FLAG
};

#define SS_FLAG_VAR ss_queue_flags
static const struct ss_flag_desc queue_flag_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "queue_flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

SS_HIDDEN void ss_queue_monitor_init(void);
SS_HIDDEN void ss_queue_monitor_fork_child(void);

static void queues_init(void) {
  const char *a = ss_queue_flags.queue_stall_action;
  ss_queue_fail_default = a && !strcmp(a, "fail");
  ss_queue_threads_init();
  ss_queue_table_init();
  ss_queue_bounds_init();
  ss_queue_policy_init();
  ss_queue_monitor_init();
}

static void queues_process_exit(void) {
  ss_queue_qos_exit();
  ss_queue_profile_finish();
}

/* The child has only the forking thread: the other threads' calls in
 * flight left the registry with them (no scan sees them), their blocked
 * calls are no longer watched, and its own streak began in the parent. */
static void queues_fork_child(void) {
  ss_queue_table_fork_child();
  ss_queue_bounds_fork_child();
  ss_queue_stall_fork_child();
  ss_queue_thread_fork_child();
  ss_queue_monitor_fork_child();
}

SS_HIDDEN const struct ss_family ss_queues_family = {
    .name = "queues",
    .flags = queue_flag_descs,
    .nflags = SS_ARRAY_SIZE(queue_flag_descs),
    .init = queues_init,
    .thread_start = ss_queue_thread_start,
    .process_exit = queues_process_exit,
    .fork_child = queues_fork_child,
    .thread_where = ss_queue_thread_where,
};
