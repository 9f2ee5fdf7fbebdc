/* The NUMA placement family as the core runs it: its options, the
 * placement policy, per-thread pinning, and one monitor tick for pinned
 * threads and registered pools. */
#include "numa/numa_family.h"

#include "core/monitor.h"
#include "numa/numa_flags.h"
#include "numa/place.h"
#include "numa/pool.h"

SS_HIDDEN struct ss_numa_flags ss_numa_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "numa_flags.def"
#undef SS_FLAG
};

#define SS_FLAG_VAR ss_numa_flags
static const struct ss_flag_desc numa_flag_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "numa_flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

/* Both looks return at once while nothing is pinned and no pool is
 * registered (two relaxed loads), so the tick costs a program that uses
 * neither nothing but the wake-up of a monitor another family started. */
static void tick(uint64_t now) {
  ss_place_migrated_tick(now);
  ss_pool_misplaced_tick(now);
}

static void numa_init(void) {
  ss_place_init();
  if (ss_place_mode != SS_PLACE_OFF)
    ss_place_key = ss_thread_ext_key();
  ss_monitor_add(tick, (uint32_t)ss_numa_flags.numa_check_ms);
}

SS_HIDDEN const struct ss_family ss_numa_family = {
    .name = "numa",
    .flags = numa_flag_descs,
    .nflags = SS_ARRAY_SIZE(numa_flag_descs),
    .init = numa_init,
    .thread_start = ss_place_thread_start,
    .thread_named = ss_place_thread_named,
    .thread_exit = ss_place_thread_exit,
};
