/* What a thread blocked in a queue call is doing, for other threads'
 * reports (ss_thread_where): "blocked pushing to queue 'jobs' (0x...) at
 * f.c:12:3". */
#include "queue_report.h"
#include "queue_thread.h"
#include "queues_family.h"

SS_HIDDEN int ss_queue_thread_where(struct ss_thread *t, char *buf, size_t n) {
  uint32_t kind = __atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE);
  if (SS_BLOCK_KIND(kind) != SS_BLOCK_QUEUE)
    return 0;
  uint32_t seq = __atomic_load_n(&t->block_seq, __ATOMIC_RELAXED);
  uintptr_t h = __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED);
  const struct syncsan_site *site = t->block_site;
  struct ss_queue_thread *qt = ss_queue_thread_of(t);
  int side = -1; /* unknown */
  uint64_t since;
  const struct syncsan_queue_desc *d;
  uintptr_t w = qt ? ss_queue_blocking_call(qt, &since, &d) : 0;
  if (w && __atomic_load_n(&t->block_seq, __ATOMIC_RELAXED) == seq)
    side = (w & SS_QUEUE_INF_PUSH) != 0;
  char label[256], loc[256];
  struct ss_queue *q = ss_queue_find(h);
  if (q)
    ss_queue_label(q, label, sizeof(label));
  else
    ss_format(label, sizeof(label), "queue %p", (void *)h);
  ss_format(buf, n, "blocked %s %s%s at %s",
            side == 1 ? "pushing to" : side == 0 ? "popping from" : "in an operation on", label,
            (kind & SS_BLOCK_TIMED) ? " (with a timeout)" : "", ss_site_loc(site, loc, sizeof(loc)));
  return 1;
}
