/* numa_autoremediate: a registered pool whose objects are used mostly from
 * one other node is moved there, once, and a numa-cross-node report says
 * so (with numa_cross_node=1, whose observer counts each pool's users by
 * node: ss_numa_home_use).
 *
 * The rule is the accounting's: more than numa_cross_node_pct percent of at
 * least numa_cross_node_min operations on the pool's objects came from
 * threads on nodes other than the pool's, and the node with the most of
 * them gets the pages. A pool is moved at most once (a pool its users
 * alternate between would otherwise move back and forth); a move the
 * kernel refuses is reported as refused, and not tried again. Runs on the
 * monitor thread, on the pools numa-pool-misplaced's look copied
 * (pool_misplaced.c: one copy of the table serves both). */
#include <errno.h>
#include <string.h>

#include "core/report.h"
#include "numa/numa_flags.h"
#include "numa/pool.h"

static void report(const struct ss_pool *p, uint64_t total, uint64_t away, int to,
                   uint64_t to_uses, long moved, int err) {
  struct ss_report *r =
      ss_report_begin("numa-cross-node", SS_SEV_WARNING, p->site, p->start, p->id);
  if (!r)
    return;
  unsigned long pct = (unsigned long)(away * 100 / total);
  if (moved >= 0)
    ss_report_headline(r,
                       "pool [0x%lx, 0x%lx) registered for node %d: %lu%% of the %llu "
                       "operations on its objects came from other nodes, %llu from node %d: "
                       "numa_autoremediate moved its pages to node %d (%ld pages there now)",
                       (unsigned long)p->start, (unsigned long)p->end, p->node_os, pct,
                       (unsigned long long)total, (unsigned long long)to_uses, to, to, moved);
  else
    ss_report_headline(r,
                       "pool [0x%lx, 0x%lx) registered for node %d: %lu%% of the %llu "
                       "operations on its objects came from other nodes, %llu from node %d: "
                       "numa_autoremediate asked to move its pages to node %d, and the kernel "
                       "refused (%s); the pool stays where it is",
                       (unsigned long)p->start, (unsigned long)p->end, p->node_os, pct,
                       (unsigned long long)total, (unsigned long long)to_uses, to, to,
                       strerror(err));
  ss_buf_printf(&r->notes, "  operations by the threads' node:");
  for (int n = 0; n < SS_TOPO_MAX_NODES; n++)
    if (p->uses[n])
      ss_buf_printf(&r->notes, " node %d: %llu%s", n, (unsigned long long)p->uses[n],
                    n == p->node_os ? " (its node)" : "");
  ss_buf_printf(&r->notes, "\n");
  ss_report_section(r, p->site, "Pool registered by thread T%u at", p->tid);
  ss_report_thread(r, p->tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_pool_remediate_look(const struct ss_pool *p) {
  if (!ss_numa_flags.numa_autoremediate || p->remediated)
    return;
  uint64_t total = 0, best = 0;
  int to = -1;
  for (int n = 0; n < SS_TOPO_MAX_NODES; n++) {
    total += p->uses[n];
    if (n != p->node_os && p->uses[n] > best) {
      best = p->uses[n];
      to = n;
    }
  }
  uint64_t away = total - (p->node_os >= 0 && p->node_os < SS_TOPO_MAX_NODES
                               ? p->uses[p->node_os]
                               : 0);
  if (to < 0 || total < (uint64_t)ss_numa_flags.numa_cross_node_min ||
      away * 100 <= (uint64_t)ss_numa_flags.numa_cross_node_pct * total)
    return;
  ss_pool_remediated(p->id);
  int saved = errno;
  long moved = ss_numa_migrate_range(p->start, p->end, to);
  int err = moved < 0 ? errno : 0;
  errno = saved;
  report(p, total, away, to, best, moved, err);
}
