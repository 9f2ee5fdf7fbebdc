/* The exit table (queue_profile.h). */
#include "queue_profile.h"

#include <string.h>

#include "core/report.h"
#include "queue_flags.h"
#include "queue_metrics.h"
#include "queue_qos.h"

#define ROWS 256

struct row {
  char label[128];
  uint32_t queues;
  struct syncsan_queue_metrics m; /* sums; max; mean weighted by occ_n */
  uint64_t occ_n;
  uint64_t lat_n;
  uint32_t hist[SS_QUEUE_HIST];
};

static struct row rows[ROWS];
static uint32_t nrows;
static ss_spin_t rows_lock SS_RUNTIME_LOCK;
static int rows_full_warned;

/* The row's name: the queue's, else its creation site's. */
static void row_label(const struct ss_queue *q, char *buf, size_t n) {
  char loc[256];
  if (q->named)
    ss_format(buf, n, "'%s'", q->name);
  else if (ss_site_object(q->create_site))
    ss_format(buf, n, "'%s'", ss_site_object(q->create_site));
  else if (q->create_site)
    ss_format(buf, n, "created at %s", ss_site_loc(q->create_site, loc, sizeof(loc)));
  else
    ss_format(buf, n, "%p", (void *)__atomic_load_n(&q->handle, __ATOMIC_RELAXED));
}

static void add(struct ss_queue *q) {
  struct syncsan_queue_metrics m;
  ss_queue_fill_metrics(q, &m);
  char label[128];
  row_label(q, label, sizeof(label));
  ss_spin_lock(&rows_lock);
  uint32_t i = 0;
  while (i < nrows && strcmp(rows[i].label, label))
    i++;
  struct row *r = NULL;
  if (i < nrows) {
    r = &rows[i];
  } else if (nrows < ROWS) {
    r = &rows[nrows++];
    memset(r, 0, sizeof(*r));
    memcpy(r->label, label, sizeof(label));
  }
  if (r) {
    r->queues++;
    r->m.pushes += m.pushes;
    r->m.pops += m.pops;
    r->m.failed_pushes += m.failed_pushes;
    r->m.failed_pops += m.failed_pops;
    r->m.stalls += m.stalls;
    if (m.occupancy_max > r->m.occupancy_max)
      r->m.occupancy_max = m.occupancy_max;
    if (m.capacity > r->m.capacity)
      r->m.capacity = m.capacity;
    ss_spin_lock(&q->lock);
    uint64_t on = q->occ_n;
    for (uint32_t b = 0; b < SS_QUEUE_HIST; b++)
      r->hist[b] += q->hist[b];
    r->lat_n += q->lat_n;
    ss_spin_unlock(&q->lock);
    if (on + r->occ_n)
      r->m.occupancy_mean = (r->m.occupancy_mean * (double)r->occ_n +
                             m.occupancy_mean * (double)on) /
                            (double)(on + r->occ_n);
    r->occ_n += on;
    r->m.throughput += m.throughput;
    r->m.push_blocked_ns += m.push_blocked_ns;
    r->m.pop_blocked_ns += m.pop_blocked_ns;
  }
  ss_spin_unlock(&rows_lock);
  if (!r)
    ss_warn_once(&rows_full_warned,
                 "more than %d rows in the queue profile; the rest are left out\n", ROWS);
}

SS_HIDDEN void ss_queue_profile_keep(struct ss_queue *q) {
  if (ss_queue_flags.profile_queues)
    add(q);
}

static void add_live(struct ss_queue *q, void *arg) {
  (void)arg;
  add(q);
}

static uint64_t cost(const struct row *r) { return r->m.push_blocked_ns + r->m.pop_blocked_ns; }

/* The row's percentile from its merged histogram (a row stands for a
 * record here: ss_queue_hist_percentile reads only lat_n and hist). */
static uint64_t row_percentile(const struct row *r, unsigned p) {
  static struct ss_queue tmp; /* exit only, one thread */
  tmp.lat_n = r->lat_n;
  memcpy(tmp.hist, r->hist, sizeof(tmp.hist));
  return ss_queue_hist_percentile(&tmp, p);
}

/* A double with two decimals, for text and JSON (ss_format has no %f). */
static const char *fixed2(double v, char *buf, size_t n) {
  if (v < 0)
    v = 0;
  unsigned long long x = (unsigned long long)(v * 100 + 0.5);
  ss_format(buf, n, "%llu.%02llu", x / 100, x % 100);
  return buf;
}

SS_HIDDEN void ss_queue_profile_finish(void) {
  if (!ss_queue_flags.profile_queues)
    return;
  ss_queue_foreach(add_live, NULL);
  ss_spin_lock(&rows_lock);
  /* By blocked time, most first; then by traffic (insertion sort). */
  for (uint32_t i = 1; i < nrows; i++) {
    struct row tmp = rows[i];
    uint32_t j = i;
    while (j && (cost(&rows[j - 1]) < cost(&tmp) ||
                 (cost(&rows[j - 1]) == cost(&tmp) &&
                  rows[j - 1].m.pushes + rows[j - 1].m.pops < tmp.m.pushes + tmp.m.pops))) {
      rows[j] = rows[j - 1];
      j--;
    }
    rows[j] = tmp;
  }
  char mean[32], tput[32], cap[24];
  if (ss_log_json()) {
    static char buf[1 << 16];
    char rowbuf[1024];
    struct ss_buf b = {buf, sizeof(buf), 0};
    ss_buf_printf(&b, "{\"tool\":\"syncsan\",\"pid\":%d,\"queue_profile\":[", ss_pid());
    uint32_t shown = 0;
    for (uint32_t i = 0; i < nrows; i++) {
      const struct row *r = &rows[i];
      struct ss_buf rb = {rowbuf, sizeof(rowbuf), 0};
      ss_buf_printf(&rb, "%s{\"queue\":", shown ? "," : "");
      ss_buf_json_string(&rb, r->label);
      ss_buf_printf(&rb,
                    ",\"queues\":%u,\"pushes\":%llu,\"pops\":%llu,\"failed_pushes\":%llu,"
                    "\"failed_pops\":%llu,\"stalls\":%llu,\"occupancy_max\":%llu,"
                    "\"occupancy_mean\":%s,\"capacity\":%llu,\"push_blocked_ns\":%llu,"
                    "\"pop_blocked_ns\":%llu,\"throughput\":%s,\"latency_samples\":%llu,"
                    "\"latency_p50_ns\":%llu,\"latency_p99_ns\":%llu}",
                    r->queues, (unsigned long long)r->m.pushes, (unsigned long long)r->m.pops,
                    (unsigned long long)r->m.failed_pushes,
                    (unsigned long long)r->m.failed_pops, (unsigned long long)r->m.stalls,
                    (unsigned long long)r->m.occupancy_max,
                    fixed2(r->m.occupancy_mean, mean, sizeof(mean)),
                    (unsigned long long)r->m.capacity,
                    (unsigned long long)r->m.push_blocked_ns,
                    (unsigned long long)r->m.pop_blocked_ns,
                    fixed2(r->m.throughput, tput, sizeof(tput)), (unsigned long long)r->lat_n,
                    (unsigned long long)row_percentile(r, 50),
                    (unsigned long long)row_percentile(r, 99));
      if (!ss_buf_add_row(&b, &rb))
        break;
      shown++;
    }
    ss_buf_end_rows(&b, shown, nrows);
    ss_spin_unlock(&rows_lock);
    ss_log_write(buf, b.len);
    return;
  }
  ss_printf("==%d==SyncSanitizer: queue profile (profile_queues=1), by blocked time:\n",
            ss_pid());
  ss_printf("  %-28s %6s %10s %10s %8s %8s %6s %8s %9s %8s %10s %10s %10s %8s %8s\n", "queue",
            "queues", "pushes", "pops", "fail push", "fail pop", "stalls", "occ max",
            "occ mean", "capacity", "push blk ms", "pop blk ms", "pops/s", "p50 us", "p99 us");
  for (uint32_t i = 0; i < nrows; i++) {
    const struct row *r = &rows[i];
    if (r->m.capacity)
      ss_format(cap, sizeof(cap), "%llu", (unsigned long long)r->m.capacity);
    else
      ss_format(cap, sizeof(cap), "-");
    char esc[160];
    ss_printf("  %-28s %6u %10llu %10llu %9llu %8llu %6llu %8llu %9s %8s %11llu %10llu %10s "
              "%8llu %8llu\n",
              ss_esc(esc, sizeof(esc), r->label), r->queues, (unsigned long long)r->m.pushes,
              (unsigned long long)r->m.pops, (unsigned long long)r->m.failed_pushes,
              (unsigned long long)r->m.failed_pops, (unsigned long long)r->m.stalls,
              (unsigned long long)r->m.occupancy_max,
              fixed2(r->m.occupancy_mean, mean, sizeof(mean)), cap,
              (unsigned long long)(r->m.push_blocked_ns / 1000000),
              (unsigned long long)(r->m.pop_blocked_ns / 1000000),
              fixed2(r->m.throughput, tput, sizeof(tput)),
              (unsigned long long)(row_percentile(r, 50) / 1000),
              (unsigned long long)(row_percentile(r, 99) / 1000));
  }
  ss_spin_unlock(&rows_lock);
}
