/* Memory pools: ranges the program registered for a node
 * (syncsan_numa_pool), the node each belongs to, and the monitor's
 * sampled look at where their pages really are (numa-pool-misplaced).
 *
 * The table is bounded (SS_POOL_MAX); writers take one spinlock (pools
 * are registered rarely), ss_numa_home_of reads without it under a
 * sequence count, for the hot paths that ask it (cross-node accounting,
 * cross.h). */
#ifndef SYNCSAN_POOL_H
#define SYNCSAN_POOL_H
#include "core/internal.h"
#include "numa/numa_topology.h"

#define SS_POOL_MAX 256

/* The node (OS index) of the registered pool whose range holds addr;
 * -1 when none does. Lock-free: a binary search of the table (sorted by
 * start) under its sequence count (retried while a registration is being
 * written); one load when no pool is registered. */
SS_HIDDEN int ss_numa_home_of(const void *addr);
/* ss_numa_home_of, counting the operation in the pool's uses for the
 * thread's node tnode_os (numa_autoremediate). An operation racing a
 * registration may be counted to a neighbouring pool: the counts steer a
 * one-time heuristic, never a report of their own. */
SS_HIDDEN int ss_numa_home_use(const void *addr, int tnode_os);
/* Pool id was remediated (migrated by numa_autoremediate). */
SS_HIDDEN void ss_pool_remediated(uint32_t id);
/* Moves [lo, hi)'s pages to node (move_pages), rehoming the pools inside
 * it; the pages on node afterwards, or -1 with errno (pool_migrate.c). */
SS_HIDDEN long ss_numa_migrate_range(uintptr_t lo, uintptr_t hi, int node);
/* Pools registered now (a hint for the monitor). */
SS_HIDDEN unsigned ss_pool_count(void);
/* Pools that lie inside [start, end) move to node (syncsan_numa_migrate
 * moved their pages there); returns how many. */
SS_HIDDEN unsigned ss_pool_rehome(uintptr_t start, uintptr_t end, int node_os);
/* Binds [start, end) to node_os through hwloc; 0 or an errno value. */
SS_HIDDEN int ss_pool_bind(uintptr_t start, uintptr_t end, int node_os);
/* The monitor's look (pool_misplaced.c). */
/* The monitor's look at the pools (pool_misplaced.c): numa-pool-misplaced,
 * and numa_autoremediate's on the same copy of the table. */
SS_HIDDEN void ss_pool_misplaced_tick(uint64_t now_ms);

/* One pool, as the monitor copies it. */
struct ss_pool {
  uintptr_t start, end;
  int node_os;   /* the node it was registered for */
  int bound;     /* the kernel took the binding */
  int bind_err;  /* its errno when it refused */
  uint32_t id;   /* changes with each registration (report keys) */
  uint32_t tid;  /* who registered it */
  const struct syncsan_site *site;
  int reported;
  uint32_t cursor; /* the sample's rotation */
  /* numa_autoremediate: operations on its objects by the node (OS index)
   * of the thread that made them (relaxed atomic adds: the accounting is a
   * measurement mode), and whether it was remediated (once). */
  uint64_t uses[SS_TOPO_MAX_NODES];
  int remediated;
};
/* Copies up to max pools from index `from` on (wrapping) into out; the
 * index to resume from goes to *next. */
SS_HIDDEN unsigned ss_pool_snapshot(struct ss_pool *out, unsigned max, unsigned from,
                                    unsigned *next);
/* Pool id was reported (so later looks skip it); its sample cursor moves
 * to cursor. */
SS_HIDDEN void ss_pool_note(uint32_t id, int reported, uint32_t cursor);
/* numa_autoremediate's look at one pool the monitor copied (pool_remediate.c). */
SS_HIDDEN void ss_pool_remediate_look(const struct ss_pool *p);
#endif
