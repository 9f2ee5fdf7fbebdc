/* The machine's topology, as hwloc describes it, loaded at first use.
 *
 * hwloc reads the real machine, or a synthetic or XML description when
 * HWLOC_SYNTHETIC or HWLOC_XMLFILE is set (hwloc's own variables; the
 * tests use them for two- and four-node layouts over this machine's CPUs).
 * With HWLOC_THISSYSTEM=1 as well, hwloc takes such a description for this
 * machine and binding calls reach the kernel, which may refuse them: a
 * refusal is reported as such, never taken for success.
 *
 * Why a snapshot: the topology is read once (hwloc_topology_load walks
 * /sys, about a millisecond) and copied into plain arrays, so that the
 * questions asked on hot paths (which node is CPU c on) are array loads
 * with no lock. The snapshot never changes after it is published; CPU
 * hot-plug is not followed.
 *
 * Indices: a node's index here is hwloc's logical index (0..nnodes-1);
 * its OS index (what the kernel and libnuma call it, what reports print)
 * is node_os[i]. CPUs are OS indices (what sched_getcpu returns). */
#ifndef SYNCSAN_NUMA_TOPOLOGY_H
#define SYNCSAN_NUMA_TOPOLOGY_H
#include <sched.h>

#include "numa/numa_lib.h"

#define SS_TOPO_MAX_NODES 64
#define SS_TOPO_MAX_CPUS 1024 /* CPU_SETSIZE */

struct ss_topo {
  hwloc_topology_t hw;  /* the loaded topology (for hwloc calls) */
  int this_system;      /* binding calls reach the kernel */
  unsigned packages, cores, pus, nnodes;
  int node_os[SS_TOPO_MAX_NODES];
  cpu_set_t node_cpus[SS_TOPO_MAX_NODES]; /* every CPU of the node */
  /* The node (logical index) of each CPU; -1 for a CPU the topology does
   * not have. */
  short cpu_node[SS_TOPO_MAX_CPUS];
  /* Relative distances (10 = local, as in the ACPI SLIT) where hwloc has a
   * latency matrix for the nodes; 0 when it has none. */
  unsigned char distance[SS_TOPO_MAX_NODES][SS_TOPO_MAX_NODES];
  /* The CPUs the process may use: hwloc's allowed set (the cgroup cpuset)
   * intersected with the affinity the process started with. */
  cpu_set_t allowed;
  unsigned nallowed;
};

/* The snapshot, loading it on the first call (any thread, not a signal
 * handler); NULL when hwloc is missing or the load failed (warned once).
 * A topology with more than SS_TOPO_MAX_NODES nodes keeps the first ones
 * and warns once. */
SS_HIDDEN const struct ss_topo *ss_topo_get(void);
/* The node of CPU cpu in t: -1 when t is NULL or cpu is not in it. */
static inline int ss_topo_node_of_cpu(const struct ss_topo *t, int cpu) {
  if (!t || cpu < 0 || cpu >= SS_TOPO_MAX_CPUS)
    return -1;
  return t->cpu_node[cpu];
}
/* The node the calling thread runs on now (sched_getcpu), -1 if unknown. */
SS_HIDDEN int ss_topo_current_node(const struct ss_topo *t);
#endif
