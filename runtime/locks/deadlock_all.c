/* A deadlock through a condvar: every thread of the process is blocked and
 * none can ever signal.
 *
 * A condvar wait is a wait for anyone: it makes no wait-for edge, so no
 * cycle shows it. It is certainly endless only when no thread can signal,
 * that is when every thread is stuck in a wait that only another stuck
 * thread could end. The rules, each conservative (a thread in doubt counts
 * as one that may run, and then nothing is reported):
 * - a lock wait without a timeout, on a lock a stuck thread holds in a
 *   conflicting mode;
 * - a join of a stuck thread;
 * - a condvar wait without a timeout on a condvar that has had no signal
 *   or broadcast since the wait began (its signal count, kept by the
 *   signal hooks in the condvar's record, is the one the wait began under);
 * - a condvar wait that has had one may be re-acquiring the mutex: it is
 *   stuck only when a stuck thread holds that mutex;
 * - another family's wait without a timeout that its family says nothing
 *   has been done to end since it began (a semaphore wait with no post
 *   since, on a semaphore no other process can post: ss_thread_block_unwoken).
 * Anything else (no wait, a timed wait) may run. Threads syncsan does not
 * see may signal too: one blocked in read(), or one that never ran a hook
 * and so is not in the registry. So the number of threads
 * the kernel lists for the process must be the registry's plus the
 * watchdog's own, or nothing is said. A spurious wakeup changes the wait's
 * sequence number, so the wait starts over as a new one; a program's loop
 * re-waits on its predicate, which the stuck threads cannot change. */
#include "deadlock_snap.h"

#include "cond_table.h"
#include "lock_table.h"
#include "core/os_threads.h"
#include "core/report.h"

static void count_one(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  if (t != &ss_self) /* the watchdog, if something registered it */
    ++*(uint32_t *)arg;
}

/* The stuck thread (index) that holds addr in a mode a wait in `mode`
 * conflicts with, or -1. */
static int stuck_holder(const struct ss_wait_snap *snaps, uint32_t n, const int *stuck,
                        uint32_t self, uintptr_t addr, uint32_t mode) {
  for (uint32_t j = 0; j < n; j++)
    if (j != self && stuck[j] && ss_wait_snap_blocks(&snaps[j], addr, mode))
      return (int)j;
  return -1;
}

/* What keeps thread i waiting, for the report. */
struct why {
  int holder;    /* the stuck thread it waits for (-1: none, an unsignalled condvar) */
  int signalled; /* a condvar wait that had a signal since it began */
  struct ss_cond_info ci;
};

static void cond_label(const struct ss_wait_snap *s, const struct ss_cond_info *ci, char *buf,
                       size_t n) {
  ss_format(buf, n, "condvar C%u%s%s%s (%p)", ci->id, ci->name ? " '" : "",
            ci->name ? ci->name : "", ci->name ? "'" : "", (void *)s->cond);
}

static void report(const struct ss_wait_snap *snaps, uint32_t n, const struct why *why,
                   uint32_t first_cond, uint64_t waited_ms) {
  uint64_t key = 0;
  for (uint32_t i = 0; i < n; i++) {
    uintptr_t obj;
    uint32_t seq;
    ss_wait_snap_kind(&snaps[i], &obj, &seq);
    key += (uint64_t)snaps[i].tid * 0x9e3779b97f4a7c15ull + obj;
  }
  const struct ss_wait_snap *c = &snaps[first_cond];
  struct ss_report *r = ss_report_begin("deadlock", SS_SEV_ERROR, c->cond_site, key, 0xdeadc0);
  if (!r)
    return;
  char label[200], others[200] = "";
  struct ss_buf b = {others, sizeof(others), 0};
  for (uint32_t i = 0, k = 0; i < n; i++)
    if (i != first_cond)
      ss_buf_printf(&b, "%sT%u", k++ ? ", " : "", snaps[i].tid);
  cond_label(c, &why[first_cond].ci, label, sizeof(label));
  ss_report_headline(r,
                     "T%u waits on %s with no signal since it began waiting, and every other "
                     "thread (%s) is blocked: no thread can signal it (for at least %llu ms)",
                     c->tid, label, n > 1 ? others : "none", (unsigned long long)waited_ms);
  for (uint32_t i = 0; i < n; i++) {
    const struct ss_wait_snap *s = &snaps[i];
    const struct why *w = &why[i];
    uint32_t htid = w->holder >= 0 ? snaps[w->holder].tid : 0;
    if (s->waiting_for) {
      ss_lock_label(s->waiting_for, (int)s->wait_kind, s->wait_site, label, sizeof(label));
      ss_report_section(r, s->wait_site, "Thread T%u waits for %s, held by T%u, at", s->tid,
                        label, htid);
    } else if (s->cond) {
      char ml[200];
      cond_label(s, &w->ci, label, sizeof(label));
      if (w->signalled) {
        ss_lock_label(s->cond_mutex, s->cond_mutex_kind, NULL, ml, sizeof(ml));
        ss_report_section(r, s->cond_site,
                          "Thread T%u waits on %s (signalled since; it must re-acquire %s, "
                          "held by T%u), at",
                          s->tid, label, ml, htid);
      } else {
        ss_report_section(r, s->cond_site,
                          "Thread T%u waits on %s (no signal since it began waiting), at",
                          s->tid, label);
      }
    } else if (s->block_obj) {
      const struct syncsan_site *bs = s->block_site;
      ss_report_section(r, bs,
                        "Thread T%u waits in %s on %p (nothing has ended it since it began), at",
                        s->tid, bs ? ss_op_name(bs->op) : "a wait", (void *)s->block_obj);
    } else {
      ss_report_section(r, s->join_site, "Thread T%u waits for T%u to end (a join), at", s->tid,
                        htid);
    }
    ss_deadlock_report_held(r, s);
    ss_report_thread(r, s->tid);
  }
  ss_report_end(r);
  ss_deadlock_watchdog_act();
}

SS_HIDDEN int ss_deadlock_all_blocked(const struct ss_wait_snap *snaps, uint32_t n,
                                      const int *stuck, uint64_t waited_ms) {
  if (!n || n > 256)
    return 0; /* a bounded frame: larger processes are left alone */
  struct why why[n];
  int first_cond = -1;
  for (uint32_t i = 0; i < n; i++) {
    const struct ss_wait_snap *s = &snaps[i];
    struct why *w = &why[i];
    w->holder = -1;
    w->signalled = 0;
    if (!stuck[i])
      return 0;
    if (s->waiting_for) {
      if (s->timed ||
          (w->holder = stuck_holder(snaps, n, stuck, i, s->waiting_for, s->wait_mode)) < 0)
        return 0;
    } else if (s->cond) {
      if (s->cond_timed || !ss_cond_peek(s->cond, &w->ci))
        return 0;
      if (w->ci.id == s->cond_id && w->ci.signals == s->cond_signals) {
        if (first_cond < 0)
          first_cond = (int)i;
        continue;
      }
      w->signalled = 1;
      if (w->ci.id != s->cond_id ||
          (w->holder = stuck_holder(snaps, n, stuck, i, s->cond_mutex, SS_MODE_WRITE)) < 0)
        return 0;
    } else if (s->block_obj) {
      continue;
    } else if (s->joining) {
      if (s->join_timed)
        return 0;
      for (uint32_t j = 0; j < n; j++)
        if (j != i && stuck[j] && snaps[j].tid + 1 == s->joining)
          w->holder = (int)j;
      if (w->holder < 0)
        return 0;
    } else {
      return 0;
    }
  }
  if (first_cond < 0)
    return 0;
  /* Last, so that a thread created or ended during the checks above makes
   * the counts differ: every thread the kernel runs for the process is in
   * the registry (and so in the copies), except the watchdog. */
  uint32_t registered = 0;
  ss_threads_foreach(count_one, &registered);
  if (registered != n || ss_os_thread_count() != registered + 1)
    return 0;
  report(snaps, n, why, (uint32_t)first_cond, waited_ms);
  return 1;
}
