/* The semaphore family as the core runs it: its options, the stall check
 * on the monitor, what a thread blocked in a semaphore wait is doing, and
 * a forked child that has no waiters. */
#include "sem_family.h"

#include "sem_flags.h"
#include "sem_stall.h"
#include "sem_table.h"
#include "sem_thread.h"
#include "sem_where.h"

SS_HIDDEN struct ss_sem_flags ss_sem_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "sem_flags.def"
#undef SS_FLAG
};

#define SS_FLAG_VAR ss_sem_flags
static const struct ss_flag_desc sem_flag_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "sem_flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

static void sems_init(void) {
  ss_sem_threads_init();
  ss_sem_stall_init();
}

static void sems_fork_child(void) {
  ss_sem_table_fork_child();
  ss_sem_stall_fork_child();
}

SS_HIDDEN const struct ss_family ss_sems_family = {
    .name = "semaphores",
    .flags = sem_flag_descs,
    .nflags = SS_ARRAY_SIZE(sem_flag_descs),
    .init = sems_init,
    .thread_start = ss_sem_thread_start,
    .fork_child = sems_fork_child,
    .thread_where = ss_sems_thread_where,
    .waits_for = ss_sems_waits_for,
    .block_unwoken = ss_sems_block_unwoken,
};
