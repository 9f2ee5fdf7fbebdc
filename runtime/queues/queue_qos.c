/* Latency sampling and the policy warnings (queue_qos.h). */
#include "queue_qos.h"

#include "queue_bounds.h"
#include "queue_misuse.h"
#include "queue_report.h"

/* The latency histogram: four buckets per power of two (a value is off by
 * at most a fifth), from 1 ns to about 9 minutes. */
static uint32_t bucket(uint64_t ns) {
  if (ns < 4)
    return (uint32_t)ns;
  uint32_t e = 63u - (uint32_t)__builtin_clzll(ns);
  uint32_t b = e * 4 + (uint32_t)((ns >> (e - 2)) & 3);
  return b < SS_QUEUE_HIST ? b : SS_QUEUE_HIST - 1;
}

/* The middle of bucket b. */
static uint64_t bucket_value(uint32_t b) {
  if (b < 8)
    return b;
  uint32_t e = b >> 2;
  uint64_t lo = (uint64_t)(4 + (b & 3)) << (e - 2);
  return lo + ((uint64_t)1 << (e - 2)) / 2;
}

SS_HIDDEN void ss_queue_sample_push(struct ss_queue *q, uint64_t n, uint64_t est) {
  ss_spin_lock(&q->lock);
  q->occ_sum += est;
  q->occ_n++;
  ss_spin_unlock(&q->lock);
  uint32_t idle = 0;
  if (__atomic_load_n(&q->sampled, __ATOMIC_RELAXED) ||
      !__atomic_compare_exchange_n(&q->sampled, &idle, 1, 0, __ATOMIC_ACQ_REL,
                                   __ATOMIC_RELAXED))
    return;
  q->sample_ns = ss_queue_now_ns();
  __atomic_store_n(&q->sample_seq, n, __ATOMIC_RELEASE);
}

SS_HIDDEN void ss_queue_sample_pop(struct ss_queue *q, uint64_t n) {
  uint64_t s = __atomic_load_n(&q->sample_seq, __ATOMIC_ACQUIRE);
  if (!s || n < s ||
      !__atomic_compare_exchange_n(&q->sample_seq, &s, 0, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
    return;
  uint64_t now = ss_queue_now_ns(), t = q->sample_ns;
  uint64_t lat = now > t ? now - t : 0;
  __atomic_store_n(&q->sampled, 0, __ATOMIC_RELEASE);
  ss_spin_lock(&q->lock);
  q->hist[bucket(lat)]++;
  q->lat_n++;
  q->recent[q->nrecent % SS_QUEUE_RECENT] = lat;
  q->nrecent++;
  ss_spin_unlock(&q->lock);
}

SS_HIDDEN uint64_t ss_queue_hist_percentile(const struct ss_queue *q, unsigned p) {
  if (!q->lat_n)
    return 0;
  /* The smallest value with at least p% of the samples at or below it. */
  uint64_t want = (q->lat_n * p + 99) / 100, seen = 0;
  if (!want)
    want = 1;
  for (uint32_t b = 0; b < SS_QUEUE_HIST; b++) {
    seen += q->hist[b];
    if (seen >= want)
      return bucket_value(b);
  }
  return bucket_value(SS_QUEUE_HIST - 1);
}

static void backpressure(struct ss_queue *q, uint64_t now) {
  double ratio = q->policy.max_occupancy;
  uint64_t cap = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  if (ratio <= 0 || !cap) {
    q->bp_on = 0;
    return;
  }
  double limit = ratio * (double)cap;
  if ((double)ss_queue_occupancy(q) <= limit) {
    q->bp_on = 0; /* the episode is over */
    return;
  }
  if (!q->bp_on) {
    q->bp_on = 1;
    q->bp_since_ms = now;
    q->bp_reported = 0;
    return;
  }
  uint64_t window = q->policy.window_ms ? q->policy.window_ms : 1000;
  if (q->bp_reported || now - q->bp_since_ms < window)
    return;
  /* The estimate may count a pop in flight as an item; the report is
   * made only when the queue certainly holds more than the limit. */
  int64_t lb;
  if (!ss_queue_lower_bound(q, ss_queue_pushes(q), &lb) ||
      (double)lb <= limit)
    return;
  q->bp_reported = 1;
  struct ss_report *r = ss_queue_report_begin("queue-backpressure", SS_SEV_WARNING,
                                              q->create_site, q, q->bp_since_ms);
  if (!r)
    return;
  char label[256];
  ss_queue_label(q, label, sizeof(label));
  unsigned pct = (unsigned)(ratio * 100 + 0.5);
  ss_report_headline(r,
                     "%s has held more than %u%% of its capacity %llu for %llu ms (at least "
                     "%lld items now; the policy's window is %llu ms)",
                     label, pct, (unsigned long long)cap,
                     (unsigned long long)(now - q->bp_since_ms), (long long)lb,
                     (unsigned long long)window);
  ss_buf_printf(&r->notes,
                "  the consumers do not keep up with the producers: producers will block or "
                "fail on a full queue\n");
  ss_queue_origin(r, q, label);
  ss_report_end(r);
}

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

static void latency(struct ss_queue *q) {
  uint64_t target = q->policy.p99_us;
  if (!target)
    return;
  uint64_t v[SS_QUEUE_RECENT];
  ss_spin_lock(&q->lock);
  uint32_t total = q->nrecent, n = total < SS_QUEUE_RECENT ? total : SS_QUEUE_RECENT;
  int fresh = total != q->lat_seen;
  for (uint32_t i = 0; i < n; i++)
    v[i] = q->recent[i];
  ss_spin_unlock(&q->lock);
  if (!fresh || n < 32)
    return;
  q->lat_seen = total;
  /* Insertion sort: 64 values on the monitor thread. */
  for (uint32_t i = 1; i < n; i++) {
    uint64_t x = v[i];
    uint32_t j = i;
    while (j && cmp_u64(v[j - 1], x) > 0) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = x;
  }
  uint64_t p99 = v[(n * 99 + 99) / 100 - 1], p50 = v[(n + 1) / 2 - 1];
  if (p99 <= target * 1000) {
    q->lat_reported = 0; /* the episode is over */
    return;
  }
  if (q->lat_reported)
    return;
  q->lat_reported = 1;
  struct ss_report *r =
      ss_queue_report_begin("queue-latency", SS_SEV_WARNING, q->create_site, q, total);
  if (!r)
    return;
  char label[256];
  ss_queue_label(q, label, sizeof(label));
  ss_report_headline(r,
                     "%s: the sampled p99 enqueue-to-dequeue time is %llu us, above its target "
                     "%llu us (p50 %llu us, over the last %u samples)",
                     label, (unsigned long long)(p99 / 1000), (unsigned long long)target,
                     (unsigned long long)(p50 / 1000), n);
  ss_buf_printf(&r->notes, "  items wait in the queue longer than the policy allows\n");
  ss_queue_origin(r, q, label);
  ss_report_end(r);
}

/* The monitor's look at the counts: the maximum, and the capacity (a
 * queue over it for a moment between samples is found here). */
static void look(struct ss_queue *q) {
  uint64_t pushes = ss_queue_pushes(q), pops = ss_queue_pops(q);
  uint64_t est = pushes > pops ? pushes - pops : 0;
  uint64_t cap = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  if (est > __atomic_load_n(&q->occ_max, __ATOMIC_RELAXED))
    ss_queue_note_max(q, est);
  if (cap && est > cap)
    ss_queue_over_capacity(q, NULL, pushes, 0);
}

static void check(struct ss_queue *q, void *arg) {
  uint64_t now = *(uint64_t *)arg;
  look(q);
  backpressure(q, now);
  latency(q);
}

SS_HIDDEN void ss_queue_qos_tick(uint64_t now) { ss_queue_foreach(check, &now); }

SS_HIDDEN void ss_queue_qos_look(struct ss_queue *q) { look(q); }

static void look_one(struct ss_queue *q, void *arg) {
  (void)arg;
  look(q);
}

/* A program that ends within a monitor period of breaking a queue's bound
 * is still told. */
SS_HIDDEN void ss_queue_qos_exit(void) {
  if (ss_queue_any())
    ss_queue_foreach(look_one, NULL);
}
