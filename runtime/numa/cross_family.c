/* Cross-node accounting as the core runs it (cross.h). A family row of its
 * own, the first in runtime/init.c: its init sets the access observer
 * (core/access.h) before the lock and queue families' inits read it. Its
 * options are the placement family's (numa_flags.def), parsed before any
 * family starts. */
#include "numa/numa_family.h"

#include "core/access.h"
#include "numa/cross.h"
#include "numa/numa_flags.h"

static void cross_init(void) {
  if (ss_numa_flags.numa_cross_node)
    ss_cross_init();
  else if (ss_numa_flags.numa_autoremediate) {
    /* Its counts are the accounting's: without it there is nothing to go
     * by, and it stays off (said, not silently). */
    static int warned;
    ss_warn_once(&warned, "numa_autoremediate=1 needs numa_cross_node=1; it stays off\n");
    ss_numa_flags.numa_autoremediate = 0;
  }
}

static void cross_thread_exit(struct ss_thread *t, int process_exit) {
  if (SS_UNLIKELY(ss_access_on))
    ss_cross_thread_exit(t, process_exit);
}

static void cross_fork_child(void) {
  if (ss_access_on)
    ss_cross_fork_child();
}

SS_HIDDEN const struct ss_family ss_numa_cross_family = {
    .name = "numa-cross",
    .init = cross_init,
    .thread_exit = cross_thread_exit,
    .process_exit = ss_cross_finish,
    .fork_child = cross_fork_child,
};
