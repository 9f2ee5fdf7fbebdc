/* numa-cross-node at process exit: the table of sites with cross-node
 * operations per (thread node, object node) pair, and a warning for each
 * site whose cross-node share passes numa_cross_node_pct with at least
 * numa_cross_node_min operations on objects of a known node. */
#include "core/access.h"
#include "core/report.h"
#include "numa/cross.h"
#include "numa/numa_flags.h"

/* Exit only, one thread: the merged entries in use, grouped by site. */
static struct ss_cross_entry rows[SS_CROSS_SLOTS];

struct site_sum {
  uint64_t ops, cross;
};

static const char *const op_names[SS_ACCESS_NOPS] = {"lock", "push", "pop"};
static const char *const op_plural[SS_ACCESS_NOPS] = {"lock acquisitions", "queue pushes",
                                                      "queue pops"};
static const char *const op_title[SS_ACCESS_NOPS] = {"Lock acquisitions", "Queue pushes",
                                                     "Queue pops"};

static int before(const struct ss_cross_entry *a, const struct ss_cross_entry *b) {
  if (a->site != b->site)
    return (uintptr_t)a->site < (uintptr_t)b->site;
  if (a->op != b->op)
    return a->op < b->op;
  if (a->tnode != b->tnode)
    return a->tnode < b->tnode;
  return a->onode < b->onode;
}

/* Shell sort: no allocation, and n is at most a few thousand. */
static void sort_rows(unsigned n) {
  for (unsigned gap = n / 2; gap; gap /= 2)
    for (unsigned i = gap; i < n; i++) {
      struct ss_cross_entry tmp = rows[i];
      unsigned j = i;
      for (; j >= gap && before(&tmp, &rows[j - gap]); j -= gap)
        rows[j] = rows[j - gap];
      rows[j] = tmp;
    }
}

/* The sums of the group of rows [i, end) of one site and operation. */
static unsigned group_end(unsigned i, unsigned n, struct site_sum *s) {
  unsigned j = i;
  s->ops = s->cross = 0;
  for (; j < n && rows[j].site == rows[i].site && rows[j].op == rows[i].op; j++) {
    s->ops += rows[j].count;
    if (rows[j].tnode != rows[j].onode)
      s->cross += rows[j].count;
  }
  return j;
}

/* "12.34" (ss_format has no %f). */
static const char *pct(uint64_t part, uint64_t whole, char *buf, size_t n) {
  uint64_t x = whole ? (part * 10000 + whole / 2) / whole : 0;
  ss_format(buf, n, "%llu.%02llu", (unsigned long long)(x / 100), (unsigned long long)(x % 100));
  return buf;
}

static void warn(unsigned i, unsigned end, const struct site_sum *s) {
  const struct syncsan_site *site = rows[i].site;
  struct ss_report *r =
      ss_report_begin("numa-cross-node", SS_SEV_WARNING, site, (uintptr_t)site, rows[i].op);
  if (!r)
    return;
  char share[16];
  ss_report_headline(r,
                     "%llu of %llu %s at this site (%s%%) were on objects of another NUMA node "
                     "than the thread's",
                     (unsigned long long)s->cross, (unsigned long long)s->ops,
                     op_plural[rows[i].op], pct(s->cross, s->ops, share, sizeof share));
  for (unsigned k = i; k < end; k++)
    ss_buf_printf(&r->notes, "  threads on node %u, object on node %u: %llu%s\n", rows[k].tnode,
                  rows[k].onode, (unsigned long long)rows[k].count,
                  rows[k].tnode == rows[k].onode ? " (local)" : "");
  ss_buf_printf(&r->notes,
                "  the object's node is its registered memory pool's (syncsan_numa_pool); the "
                "thread's is the node of the CPU it ran on. Place the threads on the object's "
                "node (numa_policy), or the object on theirs (syncsan_numa_migrate)\n");
  ss_report_section(r, site, "%s at", op_title[rows[i].op]);
  ss_report_end(r);
}

static void print_json(unsigned n) {
  static char buf[1 << 16];
  char rowbuf[1024], loc[512];
  struct ss_buf b = {buf, sizeof(buf), 0};
  ss_buf_printf(&b, "{\"tool\":\"syncsan\",\"pid\":%d,\"numa_cross_node\":[", ss_pid());
  unsigned shown = 0, nrows = 0;
  for (unsigned i = 0; i < n;) {
    struct site_sum s;
    unsigned end = group_end(i, n, &s);
    for (unsigned k = i; k < end; k++) {
      if (rows[k].tnode == rows[k].onode)
        continue;
      nrows++;
      if (nrows != shown + 1) /* the table stopped */
        continue;
      struct ss_buf rb = {rowbuf, sizeof(rowbuf), 0};
      ss_buf_printf(&rb, "%s{\"site\":", shown ? "," : "");
      ss_buf_json_string(&rb, ss_site_loc(rows[k].site, loc, sizeof loc));
      ss_buf_printf(&rb,
                    ",\"op\":\"%s\",\"thread_node\":%u,\"object_node\":%u,\"count\":%llu,"
                    "\"site_ops\":%llu,\"site_cross\":%llu}",
                    op_names[rows[k].op], rows[k].tnode, rows[k].onode,
                    (unsigned long long)rows[k].count, (unsigned long long)s.ops,
                    (unsigned long long)s.cross);
      if (ss_buf_add_row(&b, &rb))
        shown++;
    }
    i = end;
  }
  ss_buf_end_rows(&b, shown, nrows);
  ss_log_write(buf, b.len);
}

static void print_text(unsigned n, uint64_t total, uint64_t cross) {
  char share[16], loc[512], esc[600];
  ss_printf("==%d==SyncSanitizer: cross-node operations (numa_cross_node=1): %llu of %llu "
            "operations on objects of a known node (%s%%)\n",
            ss_pid(), (unsigned long long)cross, (unsigned long long)total,
            pct(cross, total, share, sizeof share));
  if (!cross)
    return;
  ss_printf("  %-40s %-5s %11s %11s %10s %10s %8s\n", "site", "op", "thread node",
            "object node", "count", "site ops", "cross %");
  for (unsigned i = 0; i < n;) {
    struct site_sum s;
    unsigned end = group_end(i, n, &s);
    for (unsigned k = i; k < end; k++)
      if (rows[k].tnode != rows[k].onode)
        ss_printf("  %-40s %-5s %11u %11u %10llu %10llu %8s\n",
                  ss_esc(esc, sizeof esc, ss_site_loc(rows[k].site, loc, sizeof loc)),
                  op_names[rows[k].op], rows[k].tnode, rows[k].onode,
                  (unsigned long long)rows[k].count, (unsigned long long)s.ops,
                  pct(s.cross, s.ops, share, sizeof share));
    i = end;
  }
}

SS_HIDDEN void ss_cross_finish(void) {
  if (!ss_access_on)
    return;
  unsigned slots;
  uint64_t lost;
  const struct ss_cross_entry *m = ss_cross_collect(&slots, &lost);
  unsigned n = 0;
  uint64_t total = 0, cross = 0;
  for (unsigned i = 0; i < slots; i++)
    if (m[i].site && m[i].count) {
      rows[n++] = m[i];
      total += m[i].count;
      if (m[i].tnode != m[i].onode)
        cross += m[i].count;
    }
  sort_rows(n);
  if (ss_log_json())
    print_json(n);
  else
    print_text(n, total, cross);
  uint64_t min = (uint64_t)ss_numa_flags.numa_cross_node_min;
  uint64_t limit = (uint64_t)ss_numa_flags.numa_cross_node_pct;
  for (unsigned i = 0; i < n;) {
    struct site_sum s;
    unsigned end = group_end(i, n, &s);
    if (s.ops >= min && s.cross * 100 > limit * s.ops)
      warn(i, end, &s);
    i = end;
  }
}
