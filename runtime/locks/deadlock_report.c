/* The deadlock report and the thread copies it is made from, shared by the
 * watchdog (deadlock.c) and the check at blocking time (deadlock_now.c). */
#include "deadlock_snap.h"

#include "cond_table.h"
#include "deadlock.h"
#include "lock_table.h"
#include "core/report.h"

/* A join without a timeout: the timed GNU joins end by themselves, and a
 * site that names no join (a caller site) cannot say, so it counts as
 * timed too (never part of a certain deadlock). */
static int join_unbounded(const struct syncsan_site *site) {
  if (!site)
    return 0;
  return site->op == SYNCSAN_OP_THREAD_JOIN || site->op == SYNCSAN_OP_THRD_JOIN ||
         site->op == SYNCSAN_OP_CXX_THREAD_JOIN;
}

SS_HIDDEN void ss_wait_snap_take(struct ss_lock_thread *t, uint32_t slot, struct ss_wait_snap *s) {
  s->tid = t->tid;
  s->slot = slot;
  s->wait_seq = __atomic_load_n(&t->wait_seq, __ATOMIC_RELAXED);
  uintptr_t wf = __atomic_load_n(&t->waiting_for, __ATOMIC_ACQUIRE);
  s->waiting_for = wf & ~SS_WAIT_FLAGS;
  s->timed = (wf & SS_WAIT_TIMED) != 0;
  s->wait_mode = (wf & SS_WAIT_READ) ? SS_MODE_READ : SS_MODE_WRITE;
  s->wait_site = t->wait_site;
  s->wait_kind = s->wait_site ? ss_lock_op_kind(s->wait_site->op) : SS_KIND_MUTEX;
  s->cond_seq = __atomic_load_n(&t->cond_seq, __ATOMIC_RELAXED);
  uintptr_t cw = __atomic_load_n(&t->cond_wait, __ATOMIC_ACQUIRE);
  s->cond = cw & ~SS_WAIT_FLAGS;
  s->cond_timed = (cw & SS_WAIT_TIMED) != 0;
  s->cond_mutex = t->cond_mutex;
  s->cond_mutex_kind = t->cond_mutex_kind;
  s->cond_id = t->cond_id;
  s->cond_signals = t->cond_signals;
  s->cond_site = t->cond_site;
  s->cond_reacquire = 0;
  s->joining = 0;
  s->join_timed = 0;
  s->join_site = NULL;
  s->block_obj = 0;
  if (t->core) {
    s->join_seq = __atomic_load_n(&t->core->join_seq, __ATOMIC_RELAXED);
    s->joining = __atomic_load_n(&t->core->joining, __ATOMIC_ACQUIRE);
    s->join_site = t->core->join_site;
    s->join_timed = !join_unbounded(s->join_site);
    if (!ss_thread_block_unwoken(t->core, &s->block_obj, &s->block_seq, &s->block_site))
      s->block_obj = 0;
  }
  struct ss_held *h;
  uint32_t n = ss_held_peek(t, &h);
  s->nheld = 0;
  for (uint32_t i = 0; i < n && s->nheld < SS_SNAP_HELD; i++) {
    uintptr_t a = __atomic_load_n(&h[i].addr, __ATOMIC_RELAXED);
    if (!a)
      continue;
    s->held[s->nheld].addr = a;
    s->held[s->nheld].mode = h[i].mode;
    s->held[s->nheld].kind = h[i].kind;
    s->held[s->nheld].gen = h[i].lock_gen;
    s->held[s->nheld].site = h[i].site;
    s->held[s->nheld].stack = ss_held_stack(&h[i]);
    s->nheld++;
  }
}

SS_HIDDEN int ss_wait_snap_blocks(const struct ss_wait_snap *s, uintptr_t addr, uint32_t mode) {
  for (uint32_t k = 0; k < s->nheld; k++)
    if (s->held[k].addr == addr && !(s->held[k].mode == SS_MODE_READ && mode == SS_MODE_READ) &&
        !ss_lock_stale(addr, s->held[k].gen))
      return 1;
  return 0;
}

SS_HIDDEN void ss_deadlock_report_held(struct ss_report *r, const struct ss_wait_snap *s) {
  char label[200];
  for (uint32_t k = 0; k < s->nheld; k++) {
    ss_lock_label(s->held[k].addr, (int)s->held[k].kind, s->held[k].site, label,
                  sizeof(label));
    ss_report_section_stack(r, s->held[k].site, s->held[k].stack, "  T%u holds %s, acquired at",
                            s->tid, label);
  }
}

SS_HIDDEN int ss_deadlock_report(const struct ss_wait_snap *const *cyc, uint32_t n,
                                 uint64_t waited_ms, uint32_t found_by) {
  uint64_t key = 0;
  const struct ss_wait_snap *timed = NULL;
  for (uint32_t i = 0; i < n; i++) {
    key += (uint64_t)cyc[i]->tid * 0x9e3779b97f4a7c15ull +
           (cyc[i]->waiting_for ? cyc[i]->waiting_for
            : cyc[i]->cond_reacquire ? cyc[i]->cond
                                     : cyc[i]->joining * 0x100000001b3ull);
    if (!timed && ss_wait_snap_timed(cyc[i]))
      timed = cyc[i];
  }
  struct ss_report *r = ss_report_begin("deadlock", SS_SEV_ERROR, cyc[0]->wait_site, key, 0xdead);
  if (!r)
    return 0;
  char who[200] = "", label[200];
  struct ss_buf b = {who, sizeof(who), 0};
  for (uint32_t i = 0; i < n; i++)
    ss_buf_printf(&b, "%sT%u", i == 0 ? "" : i + 1 == n ? " and " : ", ", cyc[i]->tid);
  if (timed)
    ss_report_headline(r,
                       "%s %s blocked waiting for each other (for at least %llu ms); the "
                       "cycle includes a timed wait (T%u's), so it resolves when that wait "
                       "times out",
                       who, n == 1 ? "is" : "are", (unsigned long long)waited_ms, timed->tid);
  else if (found_by)
    ss_report_headline(r,
                       "%s %s blocked waiting for each other (certain as T%u blocks: every "
                       "other wait in the cycle is on a lock held inside it)",
                       who, n == 1 ? "is" : "are", found_by - 1);
  else
    ss_report_headline(r, "%s %s blocked waiting for each other (for at least %llu ms)", who,
                       n == 1 ? "is" : "are", (unsigned long long)waited_ms);
  for (uint32_t i = 0; i < n; i++) {
    const struct ss_wait_snap *s = cyc[i];
    const struct ss_wait_snap *h = cyc[(i + 1) % n];
    if (s->waiting_for) {
      ss_lock_label(s->waiting_for, (int)s->wait_kind, s->wait_site, label, sizeof(label));
      ss_report_section(r, s->wait_site, "Thread T%u waits%s for %s, held by T%u, at", s->tid,
                        s->timed ? " (with a timeout)" : "", label, h->tid);
    } else if (s->cond_reacquire) {
      char ml[200];
      struct ss_cond_info ci = {0};
      ss_cond_peek(s->cond, &ci);
      ss_lock_label(s->cond_mutex, s->cond_mutex_kind, NULL, ml, sizeof(ml));
      ss_format(label, sizeof(label), "condvar C%u%s%s%s (%p)", ci.id, ci.name ? " '" : "",
                ci.name ? ci.name : "", ci.name ? "'" : "", (void *)s->cond);
      ss_report_section(r, s->cond_site,
                        "Thread T%u waits on %s (signalled since; it must re-acquire %s, held "
                        "by T%u), at",
                        s->tid, label, ml, h->tid);
    } else {
      ss_report_section(r, s->join_site, "Thread T%u waits%s for T%u to end (a join), at",
                        s->tid, s->join_timed ? " (with a timeout)" : "", h->tid);
    }
    ss_deadlock_report_held(r, s);
    ss_report_thread(r, s->tid);
  }
  ss_report_end(r);
  return 1;
}
