/* The close and capacity checks (queue_misuse.h). */
#include "queue_misuse.h"

#include "queue_bounds.h"
#include "queue_report.h"

/* Where and by whom q was closed, copied under its lock. */
static void closed_by(struct ss_queue *q, const struct syncsan_site **site,
                      const struct syncsan_queue_desc **d, uint32_t *tid) {
  ss_spin_lock(&q->lock);
  *site = q->close_site;
  *d = q->close_desc;
  *tid = q->close_tid;
  ss_spin_unlock(&q->lock);
}

static void close_section(struct ss_report *r, struct ss_queue *q, const char *label) {
  const struct syncsan_site *cs;
  const struct syncsan_queue_desc *cd;
  uint32_t ctid;
  closed_by(q, &cs, &cd, &ctid);
  ss_report_section(r, cs, "%s was closed (%s) by thread T%u at", label, ss_queue_fn(cd), ctid);
  ss_report_thread(r, ctid);
}

SS_HIDDEN void ss_queue_send_after_close(struct ss_qcall *k, uint32_t tid) {
  struct ss_queue *q = k->q;
  struct ss_report *r = ss_queue_report_begin("queue-send-after-close", SS_SEV_ERROR, k->site, q,
                                              (uintptr_t)k->site);
  if (!r)
    return;
  char label[256];
  ss_queue_label(q, label, sizeof(label));
  ss_report_headline(r, "push (%s) to %s after it was closed", ss_queue_fn(k->d), label);
  ss_report_section_here(r, k->site, "Push by thread T%u", tid);
  close_section(r, q, label);
  ss_queue_origin(r, q, label);
  ss_report_thread(r, tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_queue_double_close(struct ss_qcall *k, uint32_t tid) {
  struct ss_queue *q = k->q;
  struct ss_report *r = ss_queue_report_begin("queue-double-close", SS_SEV_ERROR, k->site, q,
                                              (uintptr_t)k->site);
  if (!r)
    return;
  char label[256];
  ss_queue_label(q, label, sizeof(label));
  ss_report_headline(r, "%s closed twice (%s)", label, ss_queue_fn(k->d));
  ss_report_section_here(r, k->site, "Second close by thread T%u", tid);
  close_section(r, q, label);
  ss_queue_origin(r, q, label);
  ss_report_thread(r, tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_queue_recv_after_close(struct ss_qcall *k, uint32_t tid) {
  struct ss_queue *q = k->q;
  int64_t ub;
  if (!ss_queue_upper_bound(q, &ub) || ub > 0)
    return;
  struct ss_report *r = ss_queue_report_begin("queue-recv-after-close", SS_SEV_ERROR, k->site, q,
                                              (uintptr_t)k->site);
  if (!r)
    return;
  char label[256];
  ss_queue_label(q, label, sizeof(label));
  ss_report_headline(r,
                     "pop (%s) from %s after it was closed and drained: its declaration says "
                     "(strict_close) that this must not happen",
                     ss_queue_fn(k->d), label);
  ss_report_section_here(r, k->site, "Pop by thread T%u", tid);
  close_section(r, q, label);
  ss_buf_printf(&r->notes, "  %llu items were pushed and %llu popped; none is left\n",
                (unsigned long long)ss_queue_pushes(q), (unsigned long long)ss_queue_pops(q));
  ss_queue_origin(r, q, label);
  ss_report_thread(r, tid);
  ss_report_end(r);
}

/* A correct queue at its capacity may show the estimate above it for a
 * moment (a pop took effect, and its count is still to come), and each
 * such moment would cost a scan of the threads. A scan that finds
 * nothing wrong makes the queue skip the next 2^k candidates (k grows to
 * 10); a broken queue stays over its capacity and is found anyway. */
SS_HIDDEN void ss_queue_over_capacity(struct ss_queue *q, struct ss_qcall *k, uint64_t pushes,
                                      uint32_t tid) {
  if (__atomic_load_n(&q->over_reported, __ATOMIC_RELAXED))
    return;
  ss_spin_lock(&q->lock);
  int skip = q->capacity_skip > 0;
  if (skip)
    q->capacity_skip--;
  ss_spin_unlock(&q->lock);
  if (skip)
    return;
  uint64_t cap = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  int64_t lb;
  if (!ss_queue_lower_bound(q, pushes, &lb) || lb <= (int64_t)cap) {
    ss_spin_lock(&q->lock);
    if (q->capacity_backoff < 10)
      q->capacity_backoff++;
    q->capacity_skip = 1u << q->capacity_backoff;
    ss_spin_unlock(&q->lock);
    return;
  }
  __atomic_store_n(&q->over_reported, 1, __ATOMIC_RELAXED);
  const struct syncsan_site *where = k ? k->site : q->create_site;
  struct ss_report *r = ss_queue_report_begin("queue-over-capacity", SS_SEV_ERROR, where, q, 0);
  if (!r)
    return;
  char label[256];
  ss_queue_label(q, label, sizeof(label));
  ss_report_headline(r,
                     "%s holds at least %lld items, more than its capacity %llu: pushes that "
                     "took effect exceed pops by more than the capacity",
                     label, (long long)lb, (unsigned long long)cap);
  if (k) {
    ss_report_section_here(r, k->site, "Push (%s) by thread T%u", ss_queue_fn(k->d), tid);
    ss_report_thread(r, tid);
  }
  ss_buf_printf(&r->notes,
                "  %llu pushes and %llu pops took effect so far (pops in flight counted as "
                "done)\n",
                (unsigned long long)pushes, (unsigned long long)ss_queue_pops(q));
  ss_queue_origin(r, q, label);
  ss_report_end(r);
}

SS_HIDDEN void ss_queue_note_max(struct ss_queue *q, uint64_t occ) {
  uint64_t cap = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  /* The estimate can pass a correct queue's capacity for a moment; the
   * maximum shown is never more than the capacity a correct queue has. */
  if (cap && occ > cap)
    occ = cap;
  uint64_t cur = __atomic_load_n(&q->occ_max, __ATOMIC_RELAXED);
  while (occ > cur &&
         !__atomic_compare_exchange_n(&q->occ_max, &cur, occ, 1, __ATOMIC_RELAXED,
                                      __ATOMIC_RELAXED)) {
  }
}
