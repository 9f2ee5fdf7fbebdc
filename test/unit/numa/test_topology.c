/* The topology snapshot over a synthetic two-node layout: node count, the
 * CPU-to-node table, OS indices, and a stable answer on the second call. */
#include <stdlib.h>

#include "numa/numa_topology.h"
#include "unit.h"

static void synthetic_two_nodes(void) {
  /* Two nodes of two PUs each: PUs 0-1 on node 0, 2-3 on node 1. */
  setenv("HWLOC_SYNTHETIC", "node:2 core:2 pu:1", 1);
  setenv("HWLOC_THISSYSTEM", "0", 1);
  const struct ss_topo *t = ss_topo_get();
  CHECK(t != NULL);
  CHECK(t->nnodes == 2);
  CHECK(t->cores == 4 && t->pus == 4);
  CHECK(!t->this_system);
  CHECK(t->node_os[0] == 0 && t->node_os[1] == 1);
  CHECK(ss_topo_node_of_cpu(t, 0) == 0 && ss_topo_node_of_cpu(t, 1) == 0);
  CHECK(ss_topo_node_of_cpu(t, 2) == 1 && ss_topo_node_of_cpu(t, 3) == 1);
  CHECK(ss_topo_node_of_cpu(t, 4) == -1);
  CHECK(ss_topo_node_of_cpu(t, -1) == -1 && ss_topo_node_of_cpu(NULL, 0) == -1);
  CHECK(CPU_COUNT(&t->node_cpus[1]) == 2 && CPU_ISSET(3, &t->node_cpus[1]));
  CHECK(t->nallowed == 4); /* not this system: the affinity is not applied */
  CHECK(ss_topo_get() == t);
}

UNIT_MAIN(UNIT_TEST(synthetic_two_nodes))
