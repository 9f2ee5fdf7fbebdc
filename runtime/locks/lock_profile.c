/* Lock contention statistics. */
#include "lock_profile.h"

#include <string.h>

#include "lock_flags.h"
#include "lock_class.h"
#include "lock_table.h"
#include "core/report.h"

SS_HIDDEN int ss_timing_on;
SS_HIDDEN uint32_t ss_coarse_res_ms;

/* Statistics of one (class, acquisition site). */
struct stat {
  uint32_t node;
  const struct syncsan_site *site;
  uint64_t acquisitions, contended, wait_total, wait_max, hold_max;
};

#define THREAD_STATS 256
#define GLOBAL_STATS 8192

struct ss_profile_table {
  struct stat s[THREAD_STATS];
};

static ss_spin_t global_lock SS_RUNTIME_LOCK;
static struct stat *global;       /* [GLOBAL_STATS], guarded by global_lock */
static int global_full_warned;

SS_HIDDEN void ss_profile_init(void) {
  ss_timing_on = ss_lock_flags.profile_locks || ss_lock_flags.lock_hold_warn_ms > 0;
  struct timespec res;
  ss_coarse_res_ms = 4;
  if (clock_getres(CLOCK_MONOTONIC_COARSE, &res) == 0)
    ss_coarse_res_ms = (uint32_t)(((uint64_t)res.tv_sec * 1000000000 + (uint64_t)res.tv_nsec +
                                   999999) / 1000000);
  if (ss_lock_flags.profile_locks)
    global = ss_map(GLOBAL_STATS * sizeof(struct stat));
}

static inline uint32_t slot_of(uint32_t node, const struct syncsan_site *site, uint32_t cap) {
  uint64_t h = ((uint64_t)node * 0x9e3779b97f4a7c15ull) ^ (uintptr_t)site;
  return (uint32_t)(h ^ h >> 29) & (cap - 1);
}

static struct stat *find(struct stat *tab, uint32_t cap, uint32_t node,
                         const struct syncsan_site *site) {
  for (uint32_t i = 0, s = slot_of(node, site, cap); i < cap; i++, s = (s + 1) & (cap - 1)) {
    struct stat *e = &tab[s];
    if (e->site == site && e->node == node)
      return e;
    if (!e->site) {
      e->site = site;
      e->node = node;
      return e;
    }
  }
  return NULL;
}

static void add(struct stat *to, const struct stat *from) {
  to->acquisitions += from->acquisitions;
  to->contended += from->contended;
  to->wait_total += from->wait_total;
  if (from->wait_max > to->wait_max)
    to->wait_max = from->wait_max;
  if (from->hold_max > to->hold_max)
    to->hold_max = from->hold_max;
}

static void merge(const struct stat *st) {
  ss_spin_lock(&global_lock);
  struct stat *g = global ? find(global, GLOBAL_STATS, st->node, st->site) : NULL;
  if (g)
    add(g, st);
  ss_spin_unlock(&global_lock);
  if (!g && global)
    ss_warn_once(&global_full_warned,
                 "more than %d profiled lock sites; the rest are left out of the profile\n",
                 GLOBAL_STATS);
}

/* The thread's entry for (node, site); NULL when its table is full (the
 * caller then merges directly). */
static struct stat *thread_stat(struct ss_lock_thread *t, uint32_t node,
                                const struct syncsan_site *site) {
  if (!t->profile) {
    t->profile = ss_map(sizeof(struct ss_profile_table));
    if (!t->profile)
      return NULL;
  }
  return find(t->profile->s, THREAD_STATS, node, site);
}

SS_HIDDEN void ss_profile_count(struct ss_lock_thread *t, uint32_t node,
                                const struct syncsan_site *site, uint64_t wait_ns) {
  if (!ss_lock_flags.profile_locks)
    return;
  struct stat one = {node, site, 1, wait_ns > (uint64_t)ss_lock_flags.contention_threshold_ns,
                     wait_ns, wait_ns, 0};
  struct stat *s = thread_stat(t, node, site);
  if (s)
    add(s, &one);
  else
    merge(&one);
}

static void report_hold(struct ss_lock_thread *t, const struct ss_held *h,
                        const struct syncsan_site *rel, uint64_t held_ms) {
  struct ss_report *r = ss_report_begin("lock-hold-too-long", SS_SEV_WARNING, rel,
                                        (uintptr_t)h->site, (uintptr_t)rel);
  if (!r)
    return;
  char label[200];
  ss_lock_label(h->addr, h->kind, h->site, label, sizeof(label));
  ss_report_headline(r, "thread T%u held %s for %llu ms (lock_hold_warn_ms=%ld)", t->tid, label,
                     (unsigned long long)held_ms, ss_lock_flags.lock_hold_warn_ms);
  ss_report_section_stack(r, h->site, ss_held_stack(h), "Acquired by thread T%u", t->tid);
  ss_report_section_here(r, rel, "Released by thread T%u", t->tid);
  ss_report_thread(r, t->tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_profile_released(struct ss_lock_thread *t, const struct ss_held *h,
                                   const struct syncsan_site *release_site, uint64_t now_ns) {
  if (ss_lock_flags.lock_hold_warn_ms > 0) {
    /* Coarse ticks: the hold lasted more than (difference - one tick). A
     * timed hold gives the exact figure for the report. */
    uint32_t coarse = ss_coarse_ms() - h->acq_coarse_ms;
    if (coarse > (uint32_t)ss_lock_flags.lock_hold_warn_ms + ss_coarse_res_ms)
      report_hold(t, h, release_site,
                  h->acq_ns && now_ns ? (now_ns - h->acq_ns) / 1000000 : coarse);
  }
  if (!ss_lock_flags.profile_locks || !h->acq_ns || !now_ns)
    return;
  uint64_t held = now_ns - h->acq_ns;
  struct stat *s = thread_stat(t, h->class_id, h->site);
  if (s && held > s->hold_max)
    s->hold_max = held;
}

SS_HIDDEN void ss_profile_thread_exit(struct ss_lock_thread *t) {
  if (!t->profile)
    return;
  for (uint32_t i = 0; i < THREAD_STATS; i++)
    if (t->profile->s[i].site)
      merge(&t->profile->s[i]);
  ss_unmap(t->profile, sizeof(struct ss_profile_table));
  t->profile = NULL;
}

static void merge_live(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  (void)arg;
  /* Threads still running at exit: read their tables as they are. */
  if (t != &ss_lock_self && t->profile)
    for (uint32_t i = 0; i < THREAD_STATS; i++)
      if (t->profile->s[i].site)
        merge(&t->profile->s[i]);
}

/* Per class: the sum over its sites, and the site with the most wait. */
struct row {
  uint32_t node;
  struct stat sum;
  const struct syncsan_site *hot;
  uint64_t hot_wait;
};

SS_HIDDEN void ss_profile_finish(void) {
  if (!ss_lock_flags.profile_locks || !global)
    return;
  ss_profile_thread_exit(&ss_lock_self);
  ss_lock_threads_foreach(merge_live, NULL);
  static struct row rows[GLOBAL_STATS];
  uint32_t nrows = 0;
  ss_spin_lock(&global_lock);
  for (uint32_t i = 0; i < GLOBAL_STATS; i++) {
    struct stat *s = &global[i];
    if (!s->site)
      continue;
    uint32_t k = 0;
    while (k < nrows && rows[k].node != s->node)
      k++;
    if (k == nrows) {
      memset(&rows[k], 0, sizeof(rows[k]));
      rows[k].node = s->node;
      nrows++;
    }
    add(&rows[k].sum, s);
    if (!rows[k].hot || s->wait_total > rows[k].hot_wait) {
      rows[k].hot = s->site;
      rows[k].hot_wait = s->wait_total;
    }
  }
  ss_spin_unlock(&global_lock);
  /* Sorted by total wait, most first (insertion sort: a few rows). */
  for (uint32_t i = 1; i < nrows; i++) {
    struct row r = rows[i];
    uint32_t j = i;
    while (j && rows[j - 1].sum.wait_total < r.sum.wait_total) {
      rows[j] = rows[j - 1];
      j--;
    }
    rows[j] = r;
  }
  int json = ss_flags.log_format && !strcmp(ss_flags.log_format, "json");
  char label[200], loc[512];
  if (json) {
    /* One JSON object, valid however many classes there are: a row that
     * would not fit is left out, and the object says how many were. */
    static char buf[1 << 16];
    char rowbuf[1024];
    struct ss_buf b = {buf, sizeof(buf), 0};
    ss_buf_printf(&b, "{\"tool\":\"syncsan\",\"pid\":%d,\"profile\":[", ss_pid());
    uint32_t shown = 0;
    for (uint32_t i = 0; i < nrows; i++) {
      const struct row *r = &rows[i];
      struct ss_buf rb = {rowbuf, sizeof(rowbuf), 0};
      ss_buf_printf(&rb, "%s{\"class\":", shown ? "," : "");
      ss_buf_json_string(&rb, ss_node_label(r->node, label, sizeof(label)));
      ss_buf_printf(&rb,
                    ",\"acquisitions\":%llu,\"contended\":%llu,\"wait_total_ns\":%llu,"
                    "\"wait_max_ns\":%llu,\"hold_max_ns\":%llu,\"hottest\":",
                    (unsigned long long)r->sum.acquisitions,
                    (unsigned long long)r->sum.contended,
                    (unsigned long long)r->sum.wait_total, (unsigned long long)r->sum.wait_max,
                    (unsigned long long)r->sum.hold_max);
      ss_buf_json_string(&rb, ss_site_loc(r->hot, loc, sizeof(loc)));
      ss_buf_printf(&rb, "}");
      if (!ss_buf_add_row(&b, &rb))
        break;
      shown++;
    }
    ss_buf_end_rows(&b, shown, nrows);
    ss_log_write(buf, b.len);
    return;
  }
  ss_printf("==%d==SyncSanitizer: lock profile (profile_locks=1), by total wait:\n", ss_pid());
  ss_printf("  %-32s %12s %10s %13s %12s %12s  %s\n", "lock class", "acquisitions",
            "contended", "wait total ms", "wait max us", "hold max us", "hottest acquisition");
  for (uint32_t i = 0; i < nrows; i++) {
    const struct row *r = &rows[i];
    uint64_t wt = r->sum.wait_total;
    ss_printf("  %-32s %12llu %10llu %9llu.%03llu %12llu %12llu  %s in %s\n",
              ss_node_label(r->node, label, sizeof(label)),
              (unsigned long long)r->sum.acquisitions, (unsigned long long)r->sum.contended,
              (unsigned long long)(wt / 1000000), (unsigned long long)(wt / 1000 % 1000),
              (unsigned long long)(r->sum.wait_max / 1000),
              (unsigned long long)(r->sum.hold_max / 1000),
              ss_site_loc(r->hot, loc, sizeof(loc)), r->hot->function);
  }
}
