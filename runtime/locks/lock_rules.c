/* Lock API rules: misuse reports that need more than the thread's own
 * state. Called from locks.c only off the fast path. */
#include "gone_table.h"
#include "lock_flags.h"
#include "lock_table.h"
#include "locks.h"
#include "mutex_op.h"
#include "core/report.h"

/* The lock's name for suppression matching ({name, NULL}, or empty). */
static const char *const *lock_names(uintptr_t addr, const struct syncsan_site *site,
                                     const char *out[2]) {
  struct ss_lock l;
  out[0] = ss_lock_snapshot(addr, &l) && l.name ? l.name : ss_site_object(site);
  out[1] = NULL;
  return out;
}

SS_HIDDEN void ss_rule_unlock_unheld(struct ss_lock_thread *t, const struct ss_lockop *op) {
  /* Tell a release of another thread's lock apart from a release of a lock
   * nobody holds: the first corrupts the owner's critical section. */
  uint32_t holder;
  const struct syncsan_site *held_at;
  ss_stack_id held_stack = 0;
  int other = ss_thread_find_holder(op->addr, &holder, &held_at, &held_stack);
  const char *names[2];
  struct ss_gone gone;
  ss_lock_lookup_use(op->addr, op->kind, op->site, &gone, NULL);
  /* A destroyed lock nobody holds: that is the problem to report. */
  if (SS_UNLIKELY(gone.addr) && !other && ss_rule_lock_destroyed(t, op, &gone, 1))
    return;
  /* The unlock that goes with a reported use of a destroyed lock (whose
   * lock failed, or never locked anything): the same bug, said once. */
  struct ss_lock known;
  if (!other && ss_lock_snapshot(op->addr, &known) && (known.flags & SS_LOCK_USED_DESTROYED))
    return;
  struct ss_report *r = ss_report_begin_names(
      other ? "unlock-wrong-thread" : "unlock-not-held", SS_SEV_ERROR, op->site,
      lock_names(op->addr, op->site, names), (uintptr_t)op->site, op->addr);
  if (!r)
    return;
  char label[200];
  ss_lock_label(op->addr, op->kind, op->site, label, sizeof(label));
  if (other) {
    ss_report_headline(r, "thread T%u releases %s, which thread T%u holds", t->tid, label,
                       holder);
    ss_report_section_here(r, op->site, "Release by thread T%u", t->tid);
    ss_report_section_stack(r, held_at, held_stack, "Acquired by thread T%u, still held",
                            holder);
  } else {
    ss_report_headline(r, "thread T%u releases %s that it does not hold", t->tid, label);
    ss_report_section_here(r, op->site, "Release by thread T%u", t->tid);
  }
  ss_report_lock_origin(r, op->addr);
  ss_report_thread(r, t->tid);
  if (other)
    ss_report_thread(r, holder);
  ss_report_end(r);
}

SS_HIDDEN void ss_rule_destroy(struct ss_lock_thread *t, const struct ss_lockop *op, int reinit) {
  /* The caller's own stack first (cheap); other threads only when it is
   * not there, which scans every live thread: destroy is rare enough. */
  uint32_t holder = t->tid;
  const struct syncsan_site *held_at;
  ss_stack_id held_stack = 0;
  struct ss_held *h = ss_held_find(t, op->addr);
  if (h && ss_lock_stale(op->addr, h->lock_gen))
    h = NULL; /* an earlier lock at this address, re-initialised since */
  if (h) {
    held_at = h->site;
    held_stack = ss_held_stack(h);
  }
  else if (!ss_thread_find_holder(op->addr, &holder, &held_at, &held_stack))
    return;
  const char *names[2];
  ss_lock_lookup(op->addr, op->kind, op->site, NULL);
  struct ss_report *r =
      ss_report_begin_names(reinit ? "lock-reinit-held" : "destroy-locked", SS_SEV_ERROR,
                            op->site, lock_names(op->addr, op->site, names),
                            (uintptr_t)op->site, op->addr);
  if (!r)
    return;
  char label[200];
  ss_lock_label(op->addr, op->kind, op->site, label, sizeof(label));
  const char *what = reinit ? "re-initialises" : "destroys";
  if (holder == t->tid)
    ss_report_headline(r, "thread T%u %s %s while holding it", t->tid, what, label);
  else
    ss_report_headline(r, "thread T%u %s %s while thread T%u holds it", t->tid, what, label,
                       holder);
  ss_report_section_here(r, op->site, "%s by thread T%u", reinit ? "Re-initialisation" : "Destruction",
                    t->tid);
  ss_report_section_stack(r, held_at, held_stack, "Acquired by thread T%u, still held", holder);
  ss_report_lock_origin(r, op->addr);
  ss_report_thread(r, t->tid);
  if (holder != t->tid)
    ss_report_thread(r, holder);
  ss_report_end(r);
}

/* Sections per held lock: where it was taken and where it was initialised. */
#define EXIT_SECTIONS_PER_LOCK 2

/* A thread that ends holding a robust mutex is what the mutex is made
 * for: the next thread to lock it gets EOWNERDEAD and recovers. The hold is
 * kept in the lock's record instead of reported; it is reported only if no
 * thread takes the mutex over (ss_rule_owner_died). Not at process exit:
 * then nobody can. */
static void defer_robust(struct ss_lock_thread *t) {
  for (uint32_t i = t->nheld; i-- > 0;) {
    struct ss_held *h = &t->held[i];
    if (h->kind != SS_KIND_MUTEX || !ss_mutex_robust((const void *)h->addr))
      continue;
    if (ss_lock_note_owner_died(h->addr, t->tid, h->site, ss_held_stack(h)))
      ss_held_drop(t, h);
  }
}

SS_HIDDEN void ss_rule_owner_died(uintptr_t addr) {
  struct ss_lock l;
  while (ss_lock_take_owner_died(addr, &l)) {
    const char *names[2] = {l.name, NULL};
    uint32_t tid = l.dead_owner - 1;
    struct ss_report *r = ss_report_begin_names("lock-held-at-exit", SS_SEV_ERROR, l.dead_site,
                                                names, (uintptr_t)tid + 1, l.addr);
    if (!r)
      continue;
    char label[200];
    ss_lock_label(l.addr, l.kind, l.dead_site, label, sizeof(label));
    ss_report_headline(r,
                       "thread T%u exited while holding robust %s, and no thread took it "
                       "over (EOWNERDEAD) before %s",
                       tid, label, addr ? "it was destroyed or initialised again" : "the process exit");
    ss_report_section_stack(r, l.dead_site, l.dead_stack, "Held: %s, acquired at", label);
    ss_report_lock_origin(r, l.addr);
    ss_report_thread(r, tid);
    ss_report_end(r);
  }
}

SS_HIDDEN void ss_rule_thread_exit(struct ss_lock_thread *t, int process_exit) {
  if (!process_exit)
    defer_robust(t);
  uint32_t n = t->nheld, total = t->nheld + t->nlost;
  if (total == 0)
    return;
  /* Suppressions may name any of the held locks. */
  const char *names[9];
  unsigned nn = 0;
  for (uint32_t i = 0; i < n; i++)
    ss_lock_lookup(t->held[i].addr, t->held[i].kind, t->held[i].site, NULL);
  for (uint32_t i = 0; i < n && nn < SS_ARRAY_SIZE(names) - 1; i++) {
    struct ss_lock l;
    if (ss_lock_snapshot(t->held[i].addr, &l) && l.name)
      names[nn++] = l.name;
  }
  names[nn] = NULL;
  /* The innermost lock is the one the SUMMARY line names. One report per
   * exiting thread: tids are never reused. */
  const struct ss_held *inner = n ? &t->held[n - 1] : NULL;
  struct ss_report *r = ss_report_begin_names("lock-held-at-exit", SS_SEV_ERROR,
                                              inner ? inner->site : NULL,
                                              names, (uintptr_t)t->tid + 1,
                                              (uintptr_t)process_exit);
  if (!r)
    return;
  if (process_exit)
    ss_report_headline(r, "the process exits while thread T%u holds %u lock%s", t->tid,
                       total, total == 1 ? "" : "s");
  else
    ss_report_headline(r, "thread T%u exits while holding %u lock%s", t->tid, total,
                       total == 1 ? "" : "s");
  uint32_t shown = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (r->nsec + EXIT_SECTIONS_PER_LOCK > SS_REPORT_MAX_SECTIONS)
      break;
    const struct ss_held *h = &t->held[i];
    char label[200];
    ss_lock_label(h->addr, h->kind, h->site, label, sizeof(label));
    if (h->depth)
      ss_report_section_stack(r, h->site, ss_held_stack(h),
                              "Held: %s, locked %u times, first acquired at", label, h->depth + 1);
    else
      ss_report_section_stack(r, h->site, ss_held_stack(h), "Held: %s%s, acquired at", label,
                              h->mode == SS_MODE_READ ? " (for reading)" : "");
    ss_report_lock_origin(r, h->addr);
    shown++;
  }
  if (shown < total)
    ss_buf_printf(&r->notes, "  ... and %u more held lock%s not shown\n", total - shown,
                  total - shown == 1 ? "" : "s");
  ss_report_thread(r, t->tid);
  ss_report_end(r);
}
