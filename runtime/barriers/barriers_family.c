/* The barrier family as the core runs it: its options, its table, the
 * stall tick, and what a fork means for the model. */
#include "barriers_family.h"

#include "barrier_flags.h"
#include "barrier_omp.h"
#include "barrier_stall.h"
#include "barrier_table.h"

SS_HIDDEN struct ss_barrier_flags ss_barrier_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "barrier_flags.def"
#undef SS_FLAG
};

#define SS_FLAG_VAR ss_barrier_flags
static const struct ss_flag_desc barrier_flag_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "barrier_flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

static void barriers_init(void) {
  ss_barrier_table_init();
  ss_barrier_stall_init();
}

/* The child of a fork has only the forking thread, which waits at no
 * barrier: the phases in progress had other threads' arrivals. */
static void barriers_fork_child(void) { ss_barrier_table_fork_child(); }

SS_HIDDEN const struct ss_family ss_barriers_family = {
    .name = "barriers",
    .flags = barrier_flag_descs,
    .nflags = SS_ARRAY_SIZE(barrier_flag_descs),
    .init = barriers_init,
    .fork_child = barriers_fork_child,
    .thread_where = ss_barrier_thread_where,
    .waits_for = ss_barrier_waits_for,
};
