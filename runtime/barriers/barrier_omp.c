/* OpenMP barriers through the OpenMP tools interface (OMPT, OpenMP 5.0).
 *
 * A barrier of OpenMP code is a call into the OpenMP runtime (__kmpc_barrier
 * and the worksharing constructs' ends) that the pass has nothing to
 * rewrite in: the runtime itself says when a thread arrives, whatever
 * compiled the code. The runtime defines ompt_start_tool; libomp calls it
 * when it starts (it resolves the name in the executable, which exports
 * it, before its own weak default) and the tool registers:
 *   parallel_begin   a new region: its team gets an id (parallel_data)
 *   implicit_task    a thread joins a team: the team's size
 *   sync_region      a barrier's begin (an arrival) and end
 *
 * Each team is modelled as libomp runs it: two barriers, its plain one
 * (explicit barriers and the implicit ones at the end of worksharing
 * constructs, which libomp completes together) and its join barrier at
 * the end of the region, each with the team's size as its count. They
 * are keyed by the team's parallel_data address, which libomp reuses for
 * the teams it keeps (so the table stays small), with a new incarnation
 * for each region (its id). A region's threads all arrive at its join
 * barrier before the next region on the same team starts, so no arrival
 * of an old region is counted in a new one.
 *
 * Divergence (a barrier under a thread-dependent condition): part of the
 * team waits in the plain barrier and the rest at the join; libomp hangs.
 * The stall tick finds either barrier stalled and reports the team with
 * who waits where (ss_omp_divergence).
 *
 * A program that defines ompt_start_tool itself (its own tool) keeps it:
 * syncsan's definition is weak. libomp then never calls syncsan's and
 * OpenMP barriers go unchecked. */
#include "barrier_omp.h"

#if __has_include(<omp-tools.h>)
#include <omp-tools.h>
#define SS_HAVE_OMPT 1
#endif

#include "barrier_flags.h"
#include "barrier_report.h"
#include "barrier_table.h"
#include "core/dynsite.h"
#include "core/monitor.h"
#include "core/report.h"
#include "core/thread.h"

enum {
  SYNC_EXPLICIT = 3,       /* ompt_sync_region_barrier_explicit */
  SYNC_IMPLEMENTATION = 4, /* ompt_sync_region_barrier_implementation */
  SYNC_WORKSHARE = 8,      /* ompt_sync_region_barrier_implicit_workshare */
  SYNC_PARALLEL = 9,       /* ompt_sync_region_barrier_implicit_parallel */
  SYNC_OLD_IMPLICIT = 2,   /* ompt_sync_region_barrier_implicit (OpenMP 5.0) */
  SYNC_OLD_BARRIER = 1,    /* ompt_sync_region_barrier (OpenMP 5.0) */
};

SS_HIDDEN const char *ss_omp_sync_name(uint32_t k) {
  switch (k) {
  case SYNC_EXPLICIT:
  case SYNC_OLD_BARRIER:
    return "the explicit barrier";
  case SYNC_WORKSHARE:
    return "the implicit barrier at the end of a worksharing construct";
  case SYNC_PARALLEL:
    return "the implicit barrier at the end of the parallel region";
  case SYNC_OLD_IMPLICIT:
    return "an implicit barrier";
  default:
    return "a barrier the OpenMP runtime added";
  }
}

/* The team's barrier a sync kind arrives at: the join barrier's key is
 * the team's with bit 0 set (parallel_data is pointer-aligned). */
static uintptr_t team_key(uintptr_t team, uint32_t k) { return k == SYNC_PARALLEL ? team | 1 : team; }
static uintptr_t team_of(uintptr_t key) { return key & ~(uintptr_t)1; }

SS_HIDDEN int ss_omp_divergence(struct ss_barrier *b, const struct ss_barrier_arrival *arr,
                                uint32_t narr, uint32_t count, uint64_t waited) {
  struct ss_barrier *o = ss_barrier_find(b->addr ^ 1);
  if (!o)
    return 0;
  static struct ss_barrier_arrival other[SS_BARRIER_ARRIVED]; /* monitor thread only */
  ss_spin_lock(&o->lock);
  uint32_t n = o->team_id == b->team_id ? o->narrived : 0;
  for (uint32_t i = 0; i < n && i < SS_BARRIER_ARRIVED; i++)
    other[i] = o->arrived[i];
  uint64_t ophase = o->phase;
  uint32_t ogen = o->gen;
  ss_spin_unlock(&o->lock);
  if (!n)
    return 0;
  /* One report for the team: the other barrier's stall is this one. */
  o->seen_valid = 1;
  o->seen_phase = ophase;
  o->seen_gen = ogen;
  o->seen_reported = 1;
  const struct ss_barrier_arrival *plain = b->addr & 1 ? other : arr;
  const struct ss_barrier_arrival *join = b->addr & 1 ? arr : other;
  uint32_t nplain = b->addr & 1 ? n : narr, njoin = b->addr & 1 ? narr : n;
  const struct syncsan_site *where = nplain ? plain[0].site : NULL;
  struct ss_report *r = ss_report_begin("barrier-count-mismatch", SS_SEV_ERROR, where,
                                        team_of(b->addr), (uintptr_t)where);
  if (!r)
    return 1;
  char bl[200];
  ss_barrier_label(team_of(b->addr), SS_BAR_OMP, NULL, bl, sizeof(bl));
  ss_report_headline(r,
                     "only part of %s (%u threads) reached %s: %u thread%s wait%s there and %u "
                     "at the implicit barrier at the end of the parallel region; neither can "
                     "complete (waiting for at least %llu ms)",
                     bl, count, nplain ? ss_omp_sync_name(plain[0].sync_kind) : "a barrier",
                     nplain, nplain == 1 ? "" : "s", nplain == 1 ? "s" : "", njoin,
                     (unsigned long long)waited);
  uint32_t shown = 0;
  for (uint32_t i = 0; i < nplain && i < SS_BARRIER_ARRIVED && shown < 8; i++, shown++) {
    ss_report_section(r, plain[i].site, "Thread T%u waits in %s at", plain[i].tid,
                      ss_omp_sync_name(plain[i].sync_kind));
    ss_report_thread(r, plain[i].tid);
  }
  for (uint32_t i = 0; i < njoin && i < SS_BARRIER_ARRIVED && shown < 16; i++, shown++) {
    ss_report_section(r, join[i].site, "Thread T%u waits in %s at", join[i].tid,
                      ss_omp_sync_name(join[i].sync_kind));
    ss_report_thread(r, join[i].tid);
  }
  ss_buf_printf(&r->notes,
                "  Every thread of a team must reach the same barriers in the same order; a "
                "barrier under a condition that depends on the thread (omp_get_thread_num()) "
                "is reached by part of the team only.\n");
  ss_report_end(r);
  return 1;
}

#ifdef SS_HAVE_OMPT

/* Regions' code addresses and sizes, by id: parallel_begin writes the
 * address, implicit_task the size (every thread of the team writes the
 * same one before its first arrival, so each reads its own write), and
 * the join barrier's arrivals of libomp's workers, which come with no
 * code address, take the region's. A ring: an id more than SS_OMP_RING
 * regions old finds its slot reused and no address. */
#define SS_OMP_RING 4096
static struct {
  uint64_t id;
  uintptr_t ra;
  uint32_t size;
} regions[SS_OMP_RING];
static uint64_t next_region = 1;

/* The calling thread's team, from its implicit task. */
static __thread uint32_t my_team_size;
/* A block note this thread published for a barrier: sync_region's end
 * clears it (libomp's workers end the join barrier of one region only when
 * the next begins, with no parallel_data left). */
static __thread int my_blocked;

static void on_parallel_begin(ompt_data_t *task, const ompt_frame_t *frame, ompt_data_t *par,
                              unsigned int requested, int flags, const void *ra) {
  (void)task, (void)frame, (void)requested, (void)flags;
  uint64_t id = __atomic_fetch_add(&next_region, 1, __ATOMIC_RELAXED);
  par->value = id;
  uint32_t s = (uint32_t)(id % SS_OMP_RING);
  regions[s].id = id;
  regions[s].ra = (uintptr_t)ra;
}

static void on_implicit_task(ompt_scope_endpoint_t ep, ompt_data_t *par, ompt_data_t *task,
                             unsigned int n, unsigned int index, int flags) {
  (void)task, (void)index;
  if (ep != ompt_scope_begin || !par || !(flags & ompt_task_implicit))
    return;
  my_team_size = n;
  uint32_t s = (uint32_t)(par->value % SS_OMP_RING);
  if (regions[s].id == par->value)
    __atomic_store_n(&regions[s].size, n, __ATOMIC_RELAXED);
}

static int is_barrier(uint32_t k) {
  return k == SYNC_EXPLICIT || k == SYNC_IMPLEMENTATION || k == SYNC_WORKSHARE ||
         k == SYNC_PARALLEL || k == SYNC_OLD_BARRIER || k == SYNC_OLD_IMPLICIT;
}

static void arrive(uint32_t k, ompt_data_t *par, const void *ra) {
  struct ss_thread *t = ss_thread_get();
  if (ss_in_hook() || t->untracked)
    return;
  uint64_t id = par->value;
  uint32_t s = (uint32_t)(id % SS_OMP_RING);
  uint32_t size = regions[s].id == id && regions[s].size ? regions[s].size : my_team_size;
  if (!size)
    return;
  uintptr_t pc = (uintptr_t)ra;
  if (!pc && regions[s].id == id)
    pc = regions[s].ra;
  const struct syncsan_site *site = ss_site_for_pc(
      pc, k == SYNC_EXPLICIT || k == SYNC_OLD_BARRIER ? SYNCSAN_OP_OMP_BARRIER
                                                      : SYNCSAN_OP_OMP_IMPLICIT_BARRIER);
  uintptr_t key = team_key((uintptr_t)par, k);
  struct ss_barrier *b = ss_barrier_get(key, SS_BAR_OMP);
  if (!b)
    return;
  if (__atomic_load_n(&b->team_id, __ATOMIC_RELAXED) != id) {
    ss_spin_lock(&b->lock);
    if (b->team_id != id) {
      ss_barrier_reset(b, size, NULL, t->tid);
      __atomic_store_n(&b->team_id, id, __ATOMIC_RELAXED);
    }
    ss_spin_unlock(&b->lock);
  }
  struct ss_barrier_arrive a;
  b = ss_barrier_arrive(key, SS_BAR_OMP, t->tid, site, k, &a);
  if (!b)
    return;
  if (SS_UNLIKELY(a.new_user))
    ss_monitor_start();
  ss_block_begin(SS_BLOCK_OMP, key, site);
  my_blocked = 1;
}

static void on_sync_region(ompt_sync_region_t kind, ompt_scope_endpoint_t ep, ompt_data_t *par,
                           ompt_data_t *task, const void *ra) {
  (void)task;
  if (!is_barrier((uint32_t)kind))
    return;
  if (ep == ompt_scope_end) {
    if (my_blocked) {
      my_blocked = 0;
      ss_block_end();
    }
    return;
  }
  if (par)
    arrive((uint32_t)kind, par, ra);
}

static int tool_init(ompt_function_lookup_t lookup, int device, ompt_data_t *data) {
  (void)device, (void)data;
  ss_ensure_init();
  ompt_set_callback_t set = (ompt_set_callback_t)lookup("ompt_set_callback");
  if (!set)
    return 0;
  set(ompt_callback_parallel_begin, (ompt_callback_t)on_parallel_begin);
  set(ompt_callback_implicit_task, (ompt_callback_t)on_implicit_task);
  set(ompt_callback_sync_region, (ompt_callback_t)on_sync_region);
  return 1;
}

static void tool_fini(ompt_data_t *data) { (void)data; }

/* Weak: a program's own tool wins (see above). Exported by the executable
 * (the interposers' export list), where libomp looks for it. */
SS_EXPORT __attribute__((weak)) ompt_start_tool_result_t *
ompt_start_tool(unsigned int omp_version, const char *runtime_version) {
  (void)omp_version, (void)runtime_version;
  ss_ensure_init(); /* the options */
  static ompt_start_tool_result_t result = {tool_init, tool_fini, {0}};
  return ss_barrier_flags.barrier_openmp ? &result : NULL;
}
#endif
