/* The public queue API but policies and listeners: names, capacities and
 * metrics (<syncsan/syncsan.h>). */
#include "queue_metrics.h"

#include <string.h>

#include "core/thread.h"
#include "queue_misuse.h"
#include "queue_policy.h"
#include "queue_qos.h"

SS_EXPORT void syncsan_queue_set_name(const void *queue, const char *name) {
  if (!queue)
    return;
  ss_thread_get();
  int made;
  struct ss_queue *q = ss_queue_get((uintptr_t)queue, NULL, &made);
  if (!q)
    return;
  ss_spin_lock(&q->lock);
  size_t n = name ? strnlen(name, sizeof(q->name) - 1) : 0;
  memcpy(q->name, name ? name : "", n);
  q->name[n] = 0;
  q->named = n > 0;
  ss_spin_unlock(&q->lock);
  ss_queue_policy_apply(q);
}

SS_EXPORT void syncsan_queue_set_capacity(const void *queue, unsigned long capacity) {
  if (!queue)
    return;
  ss_thread_get();
  int made;
  struct ss_queue *q = ss_queue_get((uintptr_t)queue, NULL, &made);
  if (q)
    __atomic_store_n(&q->capacity, (uint64_t)capacity, __ATOMIC_RELAXED);
}

SS_HIDDEN void ss_queue_fill_metrics(struct ss_queue *q, struct syncsan_queue_metrics *m) {
  memset(m, 0, sizeof(*m));
  m->pops = ss_queue_pops(q);
  m->pushes = ss_queue_pushes(q);
  m->failed_pushes = ss_queue_sum(q, 0, 1);
  m->failed_pops = ss_queue_sum(q, 1, 1);
  m->occupancy = m->pushes > m->pops ? m->pushes - m->pops : 0;
  m->capacity = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  m->push_blocked_ns = __atomic_load_n(&q->push_blocked_ms, __ATOMIC_RELAXED) * 1000000ull;
  m->pop_blocked_ns = __atomic_load_n(&q->pop_blocked_ms, __ATOMIC_RELAXED) * 1000000ull;
  uint64_t now = ss_queue_now_ns();
  ss_spin_lock(&q->lock);
  m->stalls = q->stalls;
  m->occupancy_max = q->occ_max;
  m->occupancy_mean = q->occ_n ? (double)q->occ_sum / (double)q->occ_n : 0;
  m->latency_samples = q->lat_n;
  m->latency_p50_ns = ss_queue_hist_percentile(q, 50);
  m->latency_p99_ns = ss_queue_hist_percentile(q, 99);
  uint64_t born = q->created_ns;
  ss_spin_unlock(&q->lock);
  /* A look at the counts, like a sampled push's: it may raise the maximum. */
  if (m->occupancy > m->occupancy_max) {
    ss_queue_note_max(q, m->occupancy);
    m->occupancy_max = __atomic_load_n(&q->occ_max, __ATOMIC_RELAXED);
  }
  double secs = now > born ? (double)(now - born) / 1e9 : 0;
  m->throughput = secs > 0 ? (double)m->pops / secs : 0;
}

SS_EXPORT int syncsan_queue_metrics(const void *queue, struct syncsan_queue_metrics *out) {
  if (!queue || !out)
    return -1;
  struct ss_queue *q = ss_queue_find((uintptr_t)queue);
  if (!q)
    return -1;
  ss_queue_fill_metrics(q, out);
  return 0;
}
