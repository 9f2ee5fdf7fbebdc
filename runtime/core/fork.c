/* fork(): the runtime's locks and its view of threads across a fork.
 *
 * The child of a fork has one thread, the one that forked. Any runtime
 * lock another thread held at that instant would stay held forever in the
 * child, and the first hook to need it would spin for good. So, around
 * fork (pthread_atfork handlers, registered at start-up before any of the
 * program's, so ours run last before the fork and first after it):
 *
 *   prepare  every family's fork_prepare, then every runtime lock taken;
 *   parent   every runtime lock released, then every family's fork_parent;
 *   child    every runtime lock reset to free, the child's own exit status
 *            and error count, every other thread marked gone in the
 *            registry, then every family's fork_child.
 *
 * Which locks: every static ss_spin_t is defined with SS_RUNTIME_LOCK,
 * which puts it in one linker section, and the section is the list. A lock
 * added later cannot be left off, and the core needs to know no family's
 * locks. (A family lock not in static storage would be taken by the
 * family's own fork_prepare.)
 *
 * In what order: the runtime nests its locks (graph, then report, then a
 * lock table's stripe, then registry, then log), and the report lock sits
 * between family locks, so no one list order agrees with every nesting.
 * Taking them all with blocking acquires could therefore deadlock against
 * a thread that holds a later lock and waits for an earlier one. Instead
 * the locks are tried in section order and, at the first busy one, all
 * those taken are released and the attempt repeats after a yield: the
 * forking thread never waits while holding a lock, so no nesting can
 * deadlock with it, and the runtime's critical sections are short and
 * never block, so an attempt soon finds every lock free.
 *
 * While the locks are held the forking thread counts as inside the runtime
 * (ss_self.in_hook), so a signal handler that takes a lock in that window
 * runs the real operation only instead of waiting for a lock it holds.
 *
 * A fork from inside the runtime (a handler of a signal that interrupted a
 * runtime critical section calls fork) cannot take the lock its own thread
 * holds: the locks are then left alone before the fork, and the child
 * still resets them all, so it may inherit one half-updated table but
 * never a lock held by a thread that does not exist. */
#include "fork.h"

#include <pthread.h>
#include <sched.h>

#include "exit.h"
#include "family.h"
#include "monitor.h"
#include "report.h"
#include "symbolizer_proc.h"
#include "thread.h"

/* The linker defines these around the section SS_RUNTIME_LOCK names. Weak:
 * a program (a unit test) that links no lock at all still links. */
extern ss_spin_t __start_ss_runtime_locks[] __attribute__((weak, visibility("hidden")));
extern ss_spin_t __stop_ss_runtime_locks[] __attribute__((weak, visibility("hidden")));

/* Set by prepare when it holds every lock; read by parent and child. Only
 * the forking thread runs between prepare and parent/child (fork holds
 * glibc's atfork lock). */
static int holding;

static int try_take_all(void) {
  ss_spin_t *b = __start_ss_runtime_locks, *e = __stop_ss_runtime_locks;
  for (ss_spin_t *p = b; p < e; p++) {
    if (__atomic_exchange_n(&p->v, 1, __ATOMIC_ACQUIRE)) {
      while (p-- > b)
        __atomic_store_n(&p->v, 0, __ATOMIC_RELEASE);
      return 0;
    }
  }
  return 1;
}

static void release_all(void) {
  for (ss_spin_t *p = __start_ss_runtime_locks; p < __stop_ss_runtime_locks; p++)
    __atomic_store_n(&p->v, 0, __ATOMIC_RELEASE);
}

static void prepare(void) {
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->fork_prepare)
      ss_families[i]->fork_prepare();
  holding = 0;
  int inside = ss_in_hook();
  ss_enter_runtime();
  if (inside)
    return;
  while (!try_take_all())
    sched_yield();
  holding = 1;
}

static void parent(void) {
  if (holding)
    release_all();
  holding = 0;
  ss_leave_runtime();
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->fork_parent)
      ss_families[i]->fork_parent();
}

static void child(void) {
  release_all();
  holding = 0;
  ss_leave_runtime();
  ss_exit_set_owner();
  ss_report_fork_child();
  ss_symbolizer_fork_child();
  ss_threads_fork_child();
  ss_monitor_fork_child();
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->fork_child)
      ss_families[i]->fork_child();
}

SS_HIDDEN void ss_fork_init(void) { pthread_atfork(prepare, parent, child); }
