/* The lock family as the core runs it: its options, start-up of its
 * tables, and what each thread's start and exit mean for lock checking. */
#include "locks_family.h"

#include "cond_table.h"
#include "deadlock.h"
#include "lock_class.h"
#include "lock_flags.h"
#include "lock_fork.h"
#include "lock_graph.h"
#include "lock_levels.h"
#include "lock_profile.h"
#include "lock_signal.h"
#include "lock_index.h"
#include "lock_table.h"
#include "lock_thread.h"
#include "locks.h"
#include "mem_hooks.h"

SS_HIDDEN struct ss_lock_flags ss_lock_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "lock_flags.def"
#undef SS_FLAG
};

#define SS_FLAG_VAR ss_lock_flags
static const struct ss_flag_desc lock_flag_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "lock_flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

static void locks_init(void) {
  ss_levels_init();
  ss_lock_table_init();
  ss_lock_index_init();
  ss_class_init();
  ss_graph_init();
  ss_profile_init();
  ss_after_slow_init();
  ss_lock_threads_init();
  ss_mem_hooks_init();
  ss_watchdog_init();
}

static void locks_thread_start(struct ss_thread *t) {
  ss_lock_thread_start(t);
  /* A second thread exists: deadlocks between threads become possible. */
  if (t->tid != 0)
    ss_watchdog_start();
}

/* API rules first, then the thread's statistics are merged. */
static void locks_thread_exit(struct ss_thread *t, int process_exit) {
  (void)t;
  struct ss_lock_thread *lt = &ss_lock_self;
  /* A lock another thread re-initialised under this one is not held. */
  if (lt->nheld)
    ss_held_drop_stale(lt);
  if (lt->nheld || lt->nlost)
    ss_rule_thread_exit(lt, process_exit);
  ss_profile_thread_exit(lt);
  if (!process_exit) {
    ss_class_cache_release(lt);
    ss_deadlock_now_release(lt);
  }
}

/* Robust mutexes whose dead owner nobody took over are reported now,
 * before the statistics. */
static void locks_process_exit(void) {
  ss_rule_owner_died(0);
  ss_profile_finish();
}

/* The child of a fork has only the forking thread: nothing waits on a
 * condvar and no watchdog runs (the core has already dropped the other
 * threads, and so their held locks, from the registry). */
static void locks_fork_child(void) {
  ss_lock_fork_child();
  ss_cond_table_fork_child();
}

SS_HIDDEN const struct ss_family ss_locks_family = {
    .name = "locks",
    .thread_where = ss_locks_thread_where,
    .waits_for = ss_locks_waits_for,
    .wait_detail = ss_locks_wait_detail,
    .flags = lock_flag_descs,
    .nflags = SS_ARRAY_SIZE(lock_flag_descs),
    .init = locks_init,
    .thread_start = locks_thread_start,
    .thread_exit = locks_thread_exit,
    .process_exit = locks_process_exit,
    .fork_child = locks_fork_child,
    .fatal_signal = ss_lock_fatal_signal,
};
