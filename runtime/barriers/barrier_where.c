/* The barrier family's parts of ss_thread_where and ss_thread_waits_for
 * (core/thread.h): a thread blocked at a barrier or an OpenMP team's
 * barrier (its block note, ss_block_begin), and the participants that
 * have not arrived, which are what it waits for. */
#include "barrier_omp.h"
#include "barrier_table.h"
#include "barriers_family.h"
#include "core/report.h"

SS_HIDDEN int ss_barrier_thread_where(struct ss_thread *t, char *buf, size_t n) {
  uint32_t k = SS_BLOCK_KIND(__atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE));
  if (k != SS_BLOCK_BARRIER && k != SS_BLOCK_OMP)
    return 0;
  uintptr_t obj = __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED);
  const struct syncsan_site *site = t->block_site;
  struct ss_barrier *b = ss_barrier_find(obj);
  uint32_t narr = b ? __atomic_load_n(&b->narrived, __ATOMIC_RELAXED) : 0;
  uint32_t count = b ? __atomic_load_n(&b->count, __ATOMIC_RELAXED) : 0;
  char loc[256];
  ss_site_loc(site, loc, sizeof(loc));
  if (k == SS_BLOCK_OMP)
    ss_format(buf, n, "blocked in an %s of OpenMP team %p (%u of %u arrived) at %s",
              ss_op_name(site ? site->op : 0), (void *)obj, narr, count, loc);
  else
    ss_format(buf, n, "blocked in %s on %s %p (%u of %u arrived) at %s",
              site && site->op ? ss_op_name(site->op) : "pthread_barrier_wait",
              b && b->kind == SS_BAR_CXX     ? "std::barrier"
              : b && b->kind == SS_BAR_LATCH ? "std::latch"
                                             : "barrier",
              (void *)obj, narr, count, loc);
  return 1;
}

struct block_probe {
  uint32_t tid;
  uintptr_t obj; /* 0: tid is at no barrier */
  uint32_t *tids, n, *live;
};

static void probe_block(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct block_probe *p = arg;
  if (t->tid != p->tid)
    return;
  uint32_t k = SS_BLOCK_KIND(__atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE));
  if (k == SS_BLOCK_BARRIER || k == SS_BLOCK_OMP)
    p->obj = __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED);
}

static void probe_live(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct block_probe *p = arg;
  for (uint32_t i = 0; i < p->n; i++)
    if (p->tids[i] == t->tid)
      p->live[i] = 1;
}

SS_HIDDEN uint32_t ss_barrier_waits_for(uint32_t tid, uint32_t *out, uint32_t max) {
  uint32_t tids[SS_BARRIER_USERS], live[SS_BARRIER_USERS] = {0};
  struct block_probe p = {tid, 0, tids, 0, live};
  ss_threads_foreach(probe_block, &p);
  struct ss_barrier *b = p.obj ? ss_barrier_find(p.obj) : NULL;
  if (!b)
    return 0;
  ss_spin_lock(&b->lock);
  if (b->narrived)
    for (uint32_t i = 0; i < b->nusers; i++)
      if (!b->users[i].exited && b->users[i].arrived_plus1 != b->phase + 1)
        tids[p.n++] = b->users[i].tid;
  ss_spin_unlock(&b->lock);
  if (!p.n)
    return 0;
  ss_threads_foreach(probe_live, &p);
  uint32_t k = 0;
  for (uint32_t i = 0; i < p.n && k < max; i++)
    if (live[i])
      out[k++] = tids[i];
  return k;
}
