/* syncsan_topology and syncsan_recommended_workers (<syncsan/syncsan.h>).
 * Both read the cgroup files on every call: a container's limits can be
 * changed while it runs, and the calls are not meant for hot paths. */
#include <string.h>

#include "numa/context_api.h"
#include "numa/context_cpus.h"

/* What both calls start from: the cgroup files as they are now, the
 * topology, and the CPUs the process may use. */
static const struct ss_topo *context_now(struct ss_cgroup *cg, struct ss_ctx_cpus *c) {
  ss_ensure_init();
  ss_cgroup_read(cg);
  const struct ss_topo *t = ss_topo_get();
  ss_ctx_cpus(cg, t, c);
  return t;
}

/* The CPUs of node i (logical) that the process may use. */
static unsigned allowed_on_node(const struct ss_topo *t, unsigned i, const struct ss_ctx_cpus *c) {
  cpu_set_t both;
  CPU_AND(&both, &t->node_cpus[i], &c->set);
  return (unsigned)CPU_COUNT(&both);
}

SS_EXPORT int syncsan_topology(struct syncsan_topology *out) {
  if (!out)
    return -1;
  memset(out, 0, sizeof *out);
  struct ss_cgroup cg;
  struct ss_ctx_cpus c;
  const struct ss_topo *t = context_now(&cg, &c);
  out->allowed_cpus = c.n;
  out->cpu_quota_milli = cg.quota_milli;
  out->cpu_quota = cg.quota_milli / 1000.0;
  out->memory_limit = cg.mem_max;
  if (!t)
    return -1;
  out->packages = t->packages;
  out->nodes = t->nnodes;
  out->cores = t->cores;
  out->pus = t->pus;
  out->this_system = t->this_system;
  unsigned n = t->nnodes < SYNCSAN_TOPOLOGY_MAX_NODES ? t->nnodes : SYNCSAN_TOPOLOGY_MAX_NODES;
  out->nodes_listed = n;
  for (unsigned i = 0; i < n; i++) {
    out->node_os[i] = t->node_os[i];
    out->node_cpus[i] = (unsigned)CPU_COUNT(&t->node_cpus[i]);
    out->node_allowed_cpus[i] = allowed_on_node(t, i, &c);
    for (unsigned j = 0; j < n; j++)
      out->distance[i][j] = t->distance[i][j];
  }
  return 0;
}

SS_EXPORT unsigned syncsan_recommended_workers(unsigned base) {
  struct ss_cgroup cg;
  struct ss_ctx_cpus c;
  const struct ss_topo *t = context_now(&cg, &c);
  unsigned nodes = 0;
  for (unsigned i = 0; t && i < t->nnodes; i++)
    nodes += allowed_on_node(t, i, &c) > 0;
  return ss_ctx_workers(base, c.n, cg.quota_milli, nodes);
}
