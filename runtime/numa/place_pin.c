/* Pinning each thread at its start, on the thread itself, before the
 * program's code runs (place.h). */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/monitor.h"
#include "core/symbolize.h"
#include "numa/numa_flags.h"
#include "numa/place.h"

SS_HIDDEN int ss_place_key = -1;
static __thread struct ss_place_thread self;
static unsigned npinned; /* atomic */
static int refused_warned[SS_TOPO_MAX_NODES];

/* Start routines by address, symbolized once each: a program starts many
 * threads from few functions. Entries are written under the lock and
 * never change; the strings live in the symbolizer's cache. */
#define START_CACHE 32
static struct {
  uintptr_t fn;
  const char *name;
} start_cache[START_CACHE];
static unsigned nstart;
static ss_spin_t start_lock SS_RUNTIME_LOCK;

static const char *start_name(uintptr_t fn, uint32_t tid) {
  if (!fn)
    return tid == 0 ? "main" : NULL;
  const char *name = NULL;
  ss_spin_lock(&start_lock);
  for (unsigned i = 0; i < nstart && !name; i++)
    if (start_cache[i].fn == fn)
      name = start_cache[i].name;
  ss_spin_unlock(&start_lock);
  if (name)
    return name;
  /* The symbolizer takes a return address (it looks up pc - 1): the
   * function's entry + 1 names the function itself. Its outermost frame
   * is the function the address is in, inlined frames aside. */
  struct ss_frame fr[4];
  unsigned n = ss_symbolize_pc(fn + 1, fr, 4);
  name = n && fr[n - 1].function && strcmp(fr[n - 1].function, "??") ? fr[n - 1].function
                                                                      : NULL;
  if (!name)
    return NULL;
  ss_spin_lock(&start_lock);
  if (nstart < START_CACHE) {
    start_cache[nstart].fn = fn;
    start_cache[nstart].name = name;
    nstart++;
  }
  ss_spin_unlock(&start_lock);
  return name;
}

static void cpus_text(int node, char *buf, size_t n) {
  hwloc_const_bitmap_t s = ss_place_node_set(node);
  if (!s || SS_HWLOC(hwloc_bitmap_list_snprintf)(buf, n, s) < 0)
    ss_format(buf, n, "?");
}

static void publish(int pinned, int node, const struct ss_place_rule *rule) {
  __atomic_store_n(&self.gen, self.gen + 1, __ATOMIC_RELAXED); /* odd: changing */
  __atomic_thread_fence(__ATOMIC_RELEASE);
  int was = self.pinned;
  __atomic_store_n(&self.pinned, pinned, __ATOMIC_RELAXED);
  __atomic_store_n(&self.node, node, __ATOMIC_RELAXED);
  __atomic_store_n(&self.rule, rule, __ATOMIC_RELAXED);
  __atomic_store_n(&self.reported, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&self.gen, self.gen + 1, __ATOMIC_RELEASE);
  if (pinned != was)
    __atomic_add_fetch(&npinned, pinned ? 1u : (unsigned)-1, __ATOMIC_RELAXED);
}

/* Binds the calling thread to node (logical; -1: back to every allowed
 * CPU, for a thread a later name moves off a node). */
static void place(const struct ss_topo *t, uint32_t tid, const char *start, const char *name,
                  int node, const struct ss_place_rule *rule) {
  char how[256], cpus[128];
  ss_place_rule_text(rule, how, sizeof(how));
  if (node < 0) {
    if (self.pinned) {
      hwloc_bitmap_t all = SS_HWLOC(hwloc_bitmap_alloc)();
      if (all) {
        for (int c = 0; c < SS_TOPO_MAX_CPUS; c++)
          if (CPU_ISSET(c, &t->allowed))
            SS_HWLOC(hwloc_bitmap_set)(all, (unsigned)c);
        SS_HWLOC(hwloc_set_cpubind)(t->hw, all, HWLOC_CPUBIND_THREAD);
        SS_HWLOC(hwloc_bitmap_free)(all);
      }
      publish(0, -1, rule);
    }
    if (ss_numa_flags.numa_verbose)
      ss_printf("==%d==syncsan: numa: T%u (start %s, name '%s'): not pinned (%s)\n", ss_pid(),
                tid, start ? start : "?", name ? name : "", how);
    return;
  }
  cpus_text(node, cpus, sizeof(cpus));
  /* hwloc "binds" against a topology that is not this machine's by doing
   * nothing and answering success: that is no binding, and is said so.
   * A binding the kernel took is read back, so that what is called pinned
   * is what the kernel has. */
  const char *why = NULL;
  int err = 0;
  if (!t->this_system) {
    why = "the topology is not this machine's (HWLOC_THISSYSTEM=0): nothing can be bound";
  } else if (SS_HWLOC(hwloc_set_cpubind)(t->hw, ss_place_node_set(node), HWLOC_CPUBIND_THREAD)) {
    err = errno;
    why = strerror(err);
  } else {
    cpu_set_t now, want;
    CPU_AND(&want, &t->node_cpus[node], &t->allowed);
    if (sched_getaffinity(0, sizeof(now), &now) != 0 || !CPU_EQUAL(&now, &want))
      why = "the thread's affinity read back differs from the binding";
  }
  if (ss_numa_flags.numa_verbose)
    ss_printf("==%d==syncsan: numa: T%u (start %s, name '%s'): node %d (CPUs %s) by %s: %s%s\n",
              ss_pid(), tid, start ? start : "?", name ? name : "", t->node_os[node], cpus, how,
              why ? "binding refused: " : "bound", why ? why : "");
  if (why) {
    ss_warn_once(&refused_warned[node],
                 "numa_policy: binding T%u to node %d (CPUs %s) was refused: %s; threads "
                 "placed on node %d run unpinned\n",
                 tid, t->node_os[node], cpus, why, t->node_os[node]);
    if (self.pinned)
      publish(0, -1, rule);
    return;
  }
  publish(1, node, rule);
  ss_monitor_start();
}

static void place_self(struct ss_thread *th, const char *name) {
  const struct ss_topo *t = ss_place_prepare();
  if (!t)
    return;
  const char *start = ss_place_mode == SS_PLACE_MODE_FILE && ss_place_rules.has_start
                          ? start_name(th->start_fn, th->tid)
                          : NULL;
  const struct ss_place_rule *rule;
  int node = ss_place_decide(t, th->tid, start, name, &rule);
  if (node == self.node && self.pinned && rule == self.rule)
    return;
  place(t, th->tid, start, name, node, rule);
}

SS_HIDDEN void ss_place_thread_start(struct ss_thread *t) {
  if (SS_LIKELY(__atomic_load_n(&ss_place_mode, __ATOMIC_RELAXED) == SS_PLACE_OFF))
    return;
  if (t->tid == 0)
    return; /* the main thread: registered at start-up, never placed */
  self.tid = t->tid;
  self.node = -1;
  self.ktid = (int)syscall(SYS_gettid);
  struct ss_thread_info info;
  const char *name = NULL;
  if (ss_place_rules.has_name && ss_thread_info(t->tid, &info) && info.name[0])
    name = info.name;
  if (ss_place_key >= 0)
    __atomic_store_n(&t->ext[ss_place_key], &self, __ATOMIC_RELEASE);
  place_self(t, name);
}

/* A name the thread gives itself after it started can move it: the rules
 * are asked again (a thread that names itself first thing is placed by its
 * name, as a reader of the file expects). */
SS_HIDDEN void ss_place_thread_named(struct ss_thread *t, const char *name) {
  if (SS_LIKELY(__atomic_load_n(&ss_place_mode, __ATOMIC_RELAXED) != SS_PLACE_MODE_FILE) ||
      !ss_place_rules.has_name || ss_in_hook() || !t->registered)
    return;
  ss_enter_runtime();
  place_self(t, name);
  ss_leave_runtime();
}

SS_HIDDEN void ss_place_thread_exit(struct ss_thread *t, int process_exit) {
  (void)t;
  (void)process_exit;
  if (!self.pinned)
    return;
  publish(0, -1, NULL);
}

SS_HIDDEN unsigned ss_place_pinned(void) { return __atomic_load_n(&npinned, __ATOMIC_RELAXED); }
