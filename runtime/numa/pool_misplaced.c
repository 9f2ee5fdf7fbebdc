/* numa-pool-misplaced: pages of a registered pool found on another node
 * than the one it was registered for.
 *
 * Each look copies at most POOLS_PER_LOOK pools (rotating through the
 * table) and asks the kernel where numa_pool_sample of each one's pages
 * are (move_pages with no target nodes: a location query, nothing moves),
 * spread evenly over the pool and shifted by one page each look, so a
 * large pool is covered over time at a fixed cost per look. A page not
 * yet touched (-ENOENT) has no location and is not misplaced. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/report.h"
#include "numa/numa_flags.h"
#include "numa/numa_topology.h"
#include "numa/pool.h"

#define POOLS_PER_LOOK 16
#define SAMPLE_MAX 1024

/* The monitor thread's alone: ticks run one after another. */
static void *pages[SAMPLE_MAX];
static int status[SAMPLE_MAX];
static unsigned resume;

static void report(const struct ss_pool *p, uintptr_t npages, unsigned sampled,
                   const unsigned *on_node, unsigned absent) {
  struct ss_report *r =
      ss_report_begin("numa-pool-misplaced", SS_SEV_WARNING, p->site, p->start, p->id);
  if (!r)
    return;
  unsigned elsewhere = 0;
  for (int n = 0; n < SS_TOPO_MAX_NODES; n++)
    if (n != p->node_os)
      elsewhere += on_node[n];
  ss_report_headline(r,
                     "pool [0x%lx, 0x%lx) (%lu pages) registered for node %d: %u of %u sampled "
                     "pages are on another node",
                     (unsigned long)p->start, (unsigned long)p->end, (unsigned long)npages,
                     p->node_os, elsewhere, sampled);
  ss_buf_printf(&r->notes, "  sampled pages by node:");
  for (int n = 0; n < SS_TOPO_MAX_NODES; n++)
    if (on_node[n])
      ss_buf_printf(&r->notes, " node %d: %u%s", n, on_node[n],
                    n == p->node_os ? " (its node)" : "");
  if (absent)
    ss_buf_printf(&r->notes, "; not yet touched: %u", absent);
  ss_buf_printf(&r->notes, "\n");
  if (!p->bound)
    ss_buf_printf(&r->notes,
                  "  the pool's binding to node %d was refused when it was registered (%s): "
                  "its pages went where they were first touched\n",
                  p->node_os, strerror(p->bind_err));
  else
    ss_buf_printf(&r->notes, "  the pool was bound to node %d; pages placed before the "
                             "binding, or moved since, stay remote\n",
                  p->node_os);
  ss_report_section(r, p->site, "Pool registered by thread T%u at", p->tid);
  ss_report_thread(r, p->tid);
  ss_report_end(r);
}

static void look(const struct ss_pool *p, uintptr_t page) {
  uintptr_t first = p->start & ~(page - 1);
  uintptr_t npages = (p->end - first + page - 1) / page;
  unsigned n = (unsigned)ss_numa_flags.numa_pool_sample;
  if (n > SAMPLE_MAX)
    n = SAMPLE_MAX;
  if (n > npages)
    n = (unsigned)npages;
  uintptr_t stride = npages / n;
  uint32_t cursor = p->cursor % (uint32_t)(stride ? stride : 1);
  for (unsigned k = 0; k < n; k++)
    pages[k] = (void *)(first + ((cursor + k * stride) % npages) * page);
  if (SS_LIBNUMA(numa_move_pages)(0, n, pages, NULL, status, 0) != 0) {
    ss_pool_note(p->id, 0, cursor + 1);
    return;
  }
  unsigned on_node[SS_TOPO_MAX_NODES] = {0}, absent = 0, misplaced = 0;
  for (unsigned k = 0; k < n; k++) {
    if (status[k] == -ENOENT)
      absent++;
    else if (status[k] >= 0 && status[k] < SS_TOPO_MAX_NODES) {
      on_node[status[k]]++;
      misplaced += status[k] != p->node_os;
    }
  }
  ss_pool_note(p->id, misplaced > 0, cursor + 1);
  if (misplaced)
    report(p, npages, n, on_node, absent);
}

SS_HIDDEN void ss_pool_misplaced_tick(uint64_t now_ms) {
  (void)now_ms;
  if (!ss_pool_count() || !ss_numa_lib_pages())
    return;
  struct ss_pool snap[POOLS_PER_LOOK];
  unsigned n = ss_pool_snapshot(snap, POOLS_PER_LOOK, resume, &resume);
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  for (unsigned i = 0; i < n; i++) {
    if (!snap[i].reported)
      look(&snap[i], page);
    ss_pool_remediate_look(&snap[i]);
  }
}
