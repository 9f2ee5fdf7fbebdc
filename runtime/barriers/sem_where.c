/* What a thread blocked in a semaphore wait is doing, and whom it waits
 * for (sem_where.h). */
#include "sem_where.h"

#include "sem_misuse.h"
#include "sem_table.h"
#include "core/report.h"

/* "blocked in sem_wait on semaphore S1 'items' (0x...) (value 0, posted by
 * T2, T3) at a.c:12:5". Where the posters are now is not said here: this
 * runs under the registry lock, which finding them needs; the stall
 * report, which runs outside it, says it for each. */
SS_HIDDEN int ss_sems_thread_where(struct ss_thread *t, char *buf, size_t n) {
  uint32_t kind = __atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE);
  if (SS_BLOCK_KIND(kind) != SS_BLOCK_SEM)
    return 0;
  uintptr_t s = __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED);
  const struct syncsan_site *site = t->block_site;
  struct ss_sem_info info;
  int known = ss_sem_peek(s, &info);
  char label[200], loc[256], posters[64] = "";
  ss_sem_label(s, known ? &info : NULL, label, sizeof(label));
  if (known) {
    struct ss_buf b = {posters, sizeof(posters), 0};
    if (!info.nposters)
      ss_buf_printf(&b, ", never posted");
    for (uint32_t i = 0; i < info.nposters && i < 4; i++)
      ss_buf_printf(&b, "%sT%u", i ? ", " : ", posted by ", info.posters[i]);
    if (info.nposters > 4)
      ss_buf_printf(&b, ", ...");
  }
  char value[32] = "";
  if (known)
    ss_format(value, sizeof(value), " (value %llu", (unsigned long long)ss_sem_value(&info));
  ss_format(buf, n, "blocked in %s on %s%s%s%s%s at %s", site ? ss_op_name(site->op) : "sem_wait",
            label, value, posters, known ? ")" : "",
            (kind & SS_BLOCK_TIMED) ? " (with a timeout)" : "",
            ss_site_loc(site, loc, sizeof(loc)));
  return 1;
}

struct live_probe {
  const uint32_t *tids;
  uint32_t n;
  uint8_t live[SS_SEM_MAX_POSTERS];
};

static void probe_live(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct live_probe *p = arg;
  for (uint32_t i = 0; i < p->n; i++)
    if (p->tids[i] == t->tid)
      p->live[i] = 1;
}

SS_HIDDEN int ss_sem_wait_needs(uintptr_t s, struct ss_sem_info *info, uint32_t *out,
                                uint32_t max, uint32_t *live) {
  *live = 0;
  if (!ss_sem_peek(s, info) || info->state != SS_SEM_LIVE || info->shared ||
      info->posters_lost || ss_sem_value(info) > 0)
    return 0;
  struct live_probe p = {info->posters, info->nposters, {0}};
  ss_threads_foreach(probe_live, &p);
  for (uint32_t i = 0; i < info->nposters; i++)
    if (p.live[i] && *live < max)
      out[(*live)++] = info->posters[i];
  return 1;
}

struct block_probe {
  uint32_t tid, kind;
  uintptr_t obj;
};

static void probe_block(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct block_probe *p = arg;
  if (t->tid != p->tid)
    return;
  p->kind = __atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE);
  p->obj = __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED);
}

/* A waiter without a timeout waits for the semaphore's live posters. */
SS_HIDDEN uint32_t ss_sems_waits_for(uint32_t tid, uint32_t *out, uint32_t max) {
  struct block_probe p = {tid, 0, 0};
  ss_threads_foreach(probe_block, &p);
  if (p.kind != SS_BLOCK_SEM)
    return 0;
  struct ss_sem_info info;
  uint32_t live;
  if (!ss_sem_wait_needs(p.obj, &info, out, max, &live))
    return 0;
  return live;
}
