/* What another thread is doing, for stall and deadlock reports
 * (ss_thread_where, thread.h). */
#include "family.h"
#include "report.h"

SS_HIDDEN const char *ss_thread_where(struct ss_thread *t, char *buf, size_t n) {
  if (!n)
    return buf;
  buf[0] = 0;
  uint32_t joining = __atomic_load_n(&t->joining, __ATOMIC_ACQUIRE);
  if (joining) {
    char loc[256];
    ss_format(buf, n, "blocked joining T%u at %s", joining - 1,
              ss_site_loc(t->join_site, loc, sizeof(loc)));
    return buf;
  }
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->thread_where && ss_families[i]->thread_where(t, buf, n))
      return buf;
  ss_format(buf, n, "running (not blocked in an operation syncsan sees)");
  return buf;
}

SS_HIDDEN int ss_thread_block_unwoken(struct ss_thread *t, uintptr_t *obj, uint32_t *seq,
                                      const struct syncsan_site **site) {
  uint32_t kind = __atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE);
  if (kind == SS_BLOCK_NONE || (kind & SS_BLOCK_TIMED))
    return 0;
  *seq = __atomic_load_n(&t->block_seq, __ATOMIC_RELAXED);
  *obj = __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED);
  *site = t->block_site;
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->block_unwoken && ss_families[i]->block_unwoken(t, kind, *obj, *seq))
      return 1;
  return 0;
}

struct join_probe {
  uint32_t tid, joining; /* joining: tid + 1 of the joined thread, 0 none */
};

static void probe_join(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct join_probe *p = arg;
  if (t->tid == p->tid)
    p->joining = __atomic_load_n(&t->joining, __ATOMIC_ACQUIRE);
}

SS_HIDDEN uint32_t ss_thread_waits_for(uint32_t tid, uint32_t *out, uint32_t max) {
  if (!max)
    return 0;
  struct join_probe p = {tid, 0};
  ss_threads_foreach(probe_join, &p);
  if (p.joining) {
    out[0] = p.joining - 1;
    return 1;
  }
  for (unsigned i = 0; i < ss_nfamilies; i++) {
    uint32_t n = ss_families[i]->waits_for ? ss_families[i]->waits_for(tid, out, max) : 0;
    if (n)
      return n;
  }
  return 0;
}

SS_HIDDEN int ss_thread_wait_detail(uint32_t waiter, uint32_t holder, char *label, size_t n,
                                    const struct syncsan_site **wait_site,
                                    const struct syncsan_site **held_site) {
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->wait_detail &&
        ss_families[i]->wait_detail(waiter, holder, label, n, wait_site, held_site))
      return 1;
  return 0;
}
