/* The topology snapshot (numa_topology.h). */
#include "numa/numa_topology.h"

#include <string.h>

static struct ss_topo topo;
static ss_spin_t topo_lock SS_RUNTIME_LOCK;
/* 0: not loaded; 1: published (topo is read-only from then on); 2: failed. */
static int topo_state;

static int depth_count(hwloc_topology_t hw, hwloc_obj_type_t type) {
  int d = SS_HWLOC(hwloc_get_type_depth)(hw, type);
  return d < 0 ? 0 : (int)SS_HWLOC(hwloc_get_nbobjs_by_depth)(hw, d);
}

static void set_from_bitmap(cpu_set_t *out, hwloc_const_bitmap_t b) {
  CPU_ZERO(out);
  if (!b)
    return;
  for (int c = SS_HWLOC(hwloc_bitmap_first)(b); c >= 0 && c < SS_TOPO_MAX_CPUS;
       c = SS_HWLOC(hwloc_bitmap_next)(b, c))
    CPU_SET(c, out);
}

static void load_distances(struct ss_topo *t) {
  unsigned nr = 1;
  struct hwloc_distances_s *d = NULL;
  if (SS_HWLOC(hwloc_distances_get_by_type)(t->hw, HWLOC_OBJ_NUMANODE, &nr, &d,
                                            HWLOC_DISTANCES_KIND_MEANS_LATENCY, 0) != 0 ||
      nr == 0 || !d)
    return;
  for (unsigned i = 0; i < d->nbobjs; i++)
    for (unsigned j = 0; j < d->nbobjs; j++) {
      unsigned a = d->objs[i]->logical_index, b = d->objs[j]->logical_index;
      hwloc_uint64_t v = d->values[i * d->nbobjs + j];
      if (a < t->nnodes && b < t->nnodes)
        t->distance[a][b] = v > 255 ? 255 : (unsigned char)v;
    }
  SS_HWLOC(hwloc_distances_release)(t->hw, d);
}

static int load(struct ss_topo *t) {
  static int warned_load, warned_nodes;
  if (!ss_numa_lib_load())
    return 0;
  if (SS_HWLOC(hwloc_topology_init)(&t->hw) != 0 ||
      SS_HWLOC(hwloc_topology_load)(t->hw) != 0) {
    ss_warn_once(&warned_load, "NUMA features are off: hwloc could not load the topology\n");
    return 0;
  }
  hwloc_topology_t hw = t->hw;
  t->this_system = SS_HWLOC(hwloc_topology_is_thissystem)(hw);
  t->packages = (unsigned)depth_count(hw, HWLOC_OBJ_PACKAGE);
  t->cores = (unsigned)depth_count(hw, HWLOC_OBJ_CORE);
  t->pus = (unsigned)depth_count(hw, HWLOC_OBJ_PU);
  memset(t->cpu_node, 0xff, sizeof t->cpu_node); /* -1 */

  int nd = SS_HWLOC(hwloc_get_type_depth)(hw, HWLOC_OBJ_NUMANODE);
  unsigned n = nd == HWLOC_TYPE_DEPTH_UNKNOWN ? 0 : SS_HWLOC(hwloc_get_nbobjs_by_depth)(hw, nd);
  if (n > SS_TOPO_MAX_NODES) {
    ss_warn_once(&warned_nodes, "the topology has %u NUMA nodes; syncsan uses the first %d\n",
                 n, SS_TOPO_MAX_NODES);
    n = SS_TOPO_MAX_NODES;
  }
  t->nnodes = n;
  for (unsigned i = 0; i < n; i++) {
    hwloc_obj_t o = SS_HWLOC(hwloc_get_obj_by_depth)(hw, nd, i);
    if (!o)
      continue;
    t->node_os[i] = (int)o->os_index;
    set_from_bitmap(&t->node_cpus[i], o->cpuset);
    for (int c = 0; c < SS_TOPO_MAX_CPUS; c++)
      if (CPU_ISSET(c, &t->node_cpus[i]) && t->cpu_node[c] < 0)
        t->cpu_node[c] = (short)i;
  }
  load_distances(t);

  /* hwloc's allowed set is the cgroup's cpuset; the affinity the process
   * has now narrows it (taskset, a launcher's binding). */
  set_from_bitmap(&t->allowed, SS_HWLOC(hwloc_topology_get_allowed_cpuset)(hw));
  cpu_set_t aff;
  if (t->this_system && sched_getaffinity(0, sizeof aff, &aff) == 0)
    CPU_AND(&t->allowed, &t->allowed, &aff);
  t->nallowed = (unsigned)CPU_COUNT(&t->allowed);
  return 1;
}

SS_HIDDEN const struct ss_topo *ss_topo_get(void) {
  int s = __atomic_load_n(&topo_state, __ATOMIC_ACQUIRE);
  if (SS_LIKELY(s))
    return s == 1 ? &topo : NULL;
  ss_spin_lock(&topo_lock);
  s = topo_state;
  if (!s) {
    s = load(&topo) ? 1 : 2;
    __atomic_store_n(&topo_state, s, __ATOMIC_RELEASE);
  }
  ss_spin_unlock(&topo_lock);
  return s == 1 ? &topo : NULL;
}

SS_HIDDEN int ss_topo_current_node(const struct ss_topo *t) {
  return ss_topo_node_of_cpu(t, sched_getcpu());
}
