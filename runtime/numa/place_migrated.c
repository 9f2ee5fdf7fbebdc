/* numa-thread-migrated: a pinned thread whose affinity someone changed
 * (pthread_setaffinity_np, sched_setaffinity, taskset -p) so that it may
 * run, or runs, outside its node.
 *
 * The monitor's look: the registry is walked under its lock only to copy
 * what pinned threads published (place.h: seqlock-read); the kernel is
 * asked (sched_getaffinity on the thread's kernel id, and its last CPU)
 * after the lock is released, for at most BUDGET threads per look,
 * resuming after the last one looked at, so a look costs the same with a
 * thousand pinned threads as with ten. A thread that exits between the
 * copy and the question answers ESRCH and is skipped. */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "core/report.h"
#include "numa/place.h"

#define BUDGET 32

struct cand {
  struct ss_place_thread *p;
  uint32_t tid, gen;
  int node, ktid;
  const struct ss_place_rule *rule;
  int found, confirmed; /* outside its node; still the same placement */
  int last;
  cpu_set_t aff;
};

struct walk {
  struct cand c[BUDGET];
  unsigned n;
  uint32_t after; /* tids after this one first (rotation) */
  int second;     /* the pass that wraps around to the beginning */
  unsigned first_n; /* candidates the first pass found: they keep their places */
};

static uint32_t last_tid;

static void collect(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct walk *w = arg;
  if (!w->second ? t->tid <= w->after : t->tid > w->after)
    return;
  struct ss_place_thread *p = ss_thread_ext(t, ss_place_key);
  if (!p)
    return;
  uint32_t g = __atomic_load_n(&p->gen, __ATOMIC_ACQUIRE);
  if (g & 1 || !__atomic_load_n(&p->pinned, __ATOMIC_RELAXED) ||
      __atomic_load_n(&p->reported, __ATOMIC_RELAXED))
    return;
  /* The BUDGET lowest tids after the rotation point, so that every pinned
   * thread gets its turn. */
  unsigned at = w->n;
  if (at == BUDGET) {
    if (w->first_n == BUDGET)
      return;
    at = w->first_n;
    for (unsigned i = at + 1; i < BUDGET; i++)
      if (w->c[i].tid > w->c[at].tid)
        at = i;
    if (w->c[at].tid < t->tid)
      return;
    w->c[at] = w->c[--w->n];
    at = w->n;
  }
  struct cand *c = &w->c[at];
  c->p = p;
  c->tid = t->tid;
  c->gen = g;
  c->node = __atomic_load_n(&p->node, __ATOMIC_RELAXED);
  c->ktid = __atomic_load_n(&p->ktid, __ATOMIC_RELAXED);
  c->rule = __atomic_load_n(&p->rule, __ATOMIC_RELAXED);
  c->found = c->confirmed = 0;
  __atomic_thread_fence(__ATOMIC_ACQUIRE);
  if (__atomic_load_n(&p->gen, __ATOMIC_RELAXED) == g && c->node >= 0)
    w->n++;
}

/* Under the registry lock again: a finding stands only if its thread is
 * still live with the placement it was copied with (its state is read
 * only while the lock keeps the thread in the registry); it is then
 * marked, so that later looks skip it. */
static void confirm(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct walk *w = arg;
  for (unsigned i = 0; i < w->n; i++) {
    struct cand *c = &w->c[i];
    if (!c->found || c->tid != t->tid || ss_thread_ext(t, ss_place_key) != c->p)
      continue;
    if (__atomic_load_n(&c->p->gen, __ATOMIC_ACQUIRE) != c->gen)
      continue;
    __atomic_store_n(&c->p->reported, 1, __ATOMIC_RELAXED);
    c->confirmed = 1;
  }
}

static void list_cpus(const cpu_set_t *s, char *buf, size_t n) {
  size_t len = 0;
  buf[0] = 0;
  for (int c = 0; c < SS_TOPO_MAX_CPUS && len + 8 < n; c++) {
    if (!CPU_ISSET(c, s))
      continue;
    int e = c;
    while (e + 1 < SS_TOPO_MAX_CPUS && CPU_ISSET(e + 1, s))
      e++;
    len += ss_format(buf + len, n - len, len ? ",%d" : "%d", c);
    if (e > c)
      len += ss_format(buf + len, n - len, "-%d", e);
    c = e;
  }
}

static void report(const struct ss_topo *t, const struct cand *c, const cpu_set_t *aff,
                   int last_cpu) {
  struct ss_thread_info info;
  const struct syncsan_site *where = NULL;
  if (ss_thread_info(c->tid, &info))
    where = info.create_site;
  struct ss_report *r =
      ss_report_begin("numa-thread-migrated", SS_SEV_WARNING, where, c->tid, 0);
  if (!r)
    return;
  char now[256], bound[256], how[256];
  list_cpus(aff, now, sizeof(now));
  list_cpus(&t->node_cpus[c->node], bound, sizeof(bound));
  int last_node = ss_topo_node_of_cpu(t, last_cpu);
  ss_report_headline(r,
                     "thread T%u, pinned to node %d (CPUs %s), may now run on CPUs %s; it last "
                     "ran on CPU %d (node %d)",
                     c->tid, t->node_os[c->node], bound, now, last_cpu,
                     last_node >= 0 ? t->node_os[last_node] : -1);
  ss_report_section(r, NULL, "Pinned at its start by %s",
                    ss_place_rule_text(c->rule, how, sizeof(how)));
  ss_buf_printf(&r->notes,
                "  someone changed the thread's CPU affinity after syncsan pinned it "
                "(pthread_setaffinity_np, sched_setaffinity, taskset -p): its memory and its "
                "node's caches are now remote\n");
  ss_report_thread(r, c->tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_place_migrated_tick(uint64_t now_ms) {
  (void)now_ms;
  if (!ss_place_pinned() || ss_place_key < 0)
    return;
  const struct ss_topo *t = ss_topo_get();
  if (!t)
    return;
  struct walk w = {.after = last_tid};
  ss_threads_foreach(collect, &w);
  if (w.n < BUDGET) {
    w.first_n = w.n;
    w.second = 1;
    ss_threads_foreach(collect, &w);
  }
  int any = 0;
  /* The next look resumes after the highest tid looked at on this side
   * of the rotation point (from the start when every thread fitted). */
  uint32_t hi_after = 0, hi_before = 0;
  for (unsigned i = 0; i < w.n; i++) {
    uint32_t tid = w.c[i].tid;
    if (tid > w.after && tid > hi_after)
      hi_after = tid;
    if (tid <= w.after && tid > hi_before)
      hi_before = tid;
  }
  last_tid = w.second ? hi_before : hi_after;
  for (unsigned i = 0; i < w.n; i++) {
    struct cand *c = &w.c[i];
    if (sched_getaffinity(c->ktid, sizeof(c->aff), &c->aff) != 0)
      continue; /* exited since (ESRCH) */
    c->last = -1;
    hwloc_bitmap_t b = SS_HWLOC(hwloc_bitmap_alloc)();
    if (b) {
      if (SS_HWLOC(hwloc_get_proc_last_cpu_location)(t->hw, c->ktid, b,
                                                     HWLOC_CPUBIND_THREAD) == 0)
        c->last = SS_HWLOC(hwloc_bitmap_first)(b);
      SS_HWLOC(hwloc_bitmap_free)(b);
    }
    cpu_set_t inside;
    CPU_AND(&inside, &c->aff, &t->node_cpus[c->node]);
    int escaped = !CPU_EQUAL(&inside, &c->aff); /* a CPU of another node is allowed */
    int off_node = c->last >= 0 && ss_topo_node_of_cpu(t, c->last) != c->node;
    c->found = escaped || off_node;
    any |= c->found;
  }
  if (!any)
    return;
  ss_threads_foreach(confirm, &w);
  for (unsigned i = 0; i < w.n; i++)
    if (w.c[i].confirmed)
      report(t, &w.c[i], &w.c[i].aff, w.c[i].last);
}
