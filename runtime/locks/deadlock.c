/* The deadlock watchdog. */
#include "deadlock.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "cond_table.h"
#include "deadlock_snap.h"
#include "lock_flags.h"
#include "lock_table.h"
#include "core/monitor.h"
#include "core/real.h"
#include "core/report.h"

/* Per registry slot: the wait the watchdog saw there and since when.
 * tid_plus1 is 0 for "nothing seen", so the zeroed mapping needs no
 * initialising pass (which would touch every page). */
struct seen {
  uint32_t tid_plus1, seq;
  uint64_t since_ms;
  uintptr_t addr;
  uint32_t kind; /* enum ss_wait_kind */
};

static int mapped_failed; /* monitor thread only */
static struct ss_wait_snap *snaps;  /* watchdog thread only */
static struct seen *seens;  /* watchdog thread only */
static uint32_t nsnaps, cap;

static void take_snap(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)arg;
  /* The watchdog itself, should anything have registered it, waits for
   * nothing. */
  if (t == &ss_lock_self)
    return;
  if (nsnaps < cap)
    ss_wait_snap_take(t, slot, &snaps[nsnaps++]);
}

/* The snapshot index of the blocked thread that s waits for, or -1: for a
 * lock wait, one that holds the lock in a conflicting mode; for a join,
 * the joined thread (a join of a thread that is not blocked ends when that
 * thread does). */
static int holder_of(const struct ss_wait_snap *s, const int *blocked) {
  uintptr_t lock = s->waiting_for ? s->waiting_for : s->cond_reacquire ? s->cond_mutex : 0;
  uint32_t mode = s->waiting_for ? s->wait_mode : SS_MODE_WRITE;
  for (uint32_t j = 0; j < nsnaps; j++) {
    if (!blocked[j])
      continue;
    if (lock ? ss_wait_snap_blocks(&snaps[j], lock, mode)
             : s->joining && snaps[j].tid + 1 == s->joining)
      return (int)j;
  }
  return -1;
}

/* An unbounded condvar wait that has had a signal or broadcast since it
 * began (the same incarnation of the condvar). */
static int cond_signalled(const struct ss_wait_snap *s) {
  struct ss_cond_info ci;
  return !s->cond_timed && ss_cond_peek(s->cond, &ci) && ci.id == s->cond_id &&
         ci.signals != s->cond_signals;
}

static void report_deadlock(const uint32_t *cyc, uint32_t n, uint64_t waited_ms) {
  const struct ss_wait_snap *c[64];
  int timed = 0;
  for (uint32_t i = 0; i < n; i++) {
    c[i] = &snaps[cyc[i]];
    timed |= ss_wait_snap_timed(c[i]);
  }
  /* Only a cycle of unbounded waits is certain to last: one that a timeout
   * will break is left to recover by itself. */
  if (!ss_deadlock_report(c, n, waited_ms, 0) || timed)
    return;
  ss_deadlock_watchdog_act();
}

SS_HIDDEN enum ss_deadlock_action ss_deadlock_reported(void) {
  enum ss_deadlock_action act = ss_deadlock_action();
  if (act == SS_DEADLOCK_ABORT) {
    ss_printf("==%d==syncsan: ending the deadlocked process (abort_on_deadlock=0 lets it "
              "hang)\n",
              ss_pid());
    ss_die();
  }
  return act;
}

SS_HIDDEN void ss_deadlock_watchdog_act(void) {
  enum ss_deadlock_action act = ss_deadlock_reported();
  /* The threads are blocked inside the C library's lock calls: nothing
   * can make those calls return, so fail cannot refuse anything here (the
   * check at blocking time refuses the acquisition that closes a cycle,
   * but one it could not follow, or one closed by a join or condvar wait,
   * ends up here).
   * Say so rather than pretend: the process is left as it is, as with
   * hang. */
  if (act == SS_DEADLOCK_FAIL)
    ss_printf("==%d==syncsan: deadlock_action=fail cannot make a lock call that is already "
              "blocked return EDEADLK; the deadlocked threads are left to hang\n",
              ss_pid());
}

SS_HIDDEN enum ss_deadlock_action ss_deadlock_action(void) {
  const char *a = ss_lock_flags.deadlock_action;
  if (a && !strcmp(a, "fail"))
    return SS_DEADLOCK_FAIL;
  if (a && !strcmp(a, "hang"))
    return SS_DEADLOCK_HANG;
  /* abort is also the default, which abort_on_deadlock=0 (its older
   * spelling) turns into hang. */
  return ss_lock_flags.abort_on_deadlock ? SS_DEADLOCK_ABORT : SS_DEADLOCK_HANG;
}

static void scan(uint64_t timeout_ms) {
  nsnaps = 0;
  ss_lock_threads_foreach(take_snap, NULL);
  uint64_t now = ss_monitor_now_ms();
  /* stuck: in the same wait (of any kind) for the whole timeout; blocked:
   * stuck in a lock wait or a join, the waits that make wait-for edges (a
   * condvar wait, or another family's wait nothing has ended, makes none). */
  int stuck[nsnaps ? nsnaps : 1], blocked[nsnaps ? nsnaps : 1];
  int any = 0, any_cond = 0;
  uint64_t waited_all = UINT64_MAX;
  for (uint32_t i = 0; i < nsnaps; i++) {
    struct ss_wait_snap *s = &snaps[i];
    struct seen *w = &seens[s->slot];
    uintptr_t obj;
    uint32_t seq;
    uint32_t kind = ss_wait_snap_kind(s, &obj, &seq);
    stuck[i] = blocked[i] = 0;
    if (kind == SS_WAIT_NONE) {
      w->tid_plus1 = 0;
      continue;
    }
    if (w->tid_plus1 != s->tid + 1 || w->seq != seq || w->addr != obj || w->kind != kind) {
      w->tid_plus1 = s->tid + 1;
      w->seq = seq;
      w->addr = obj;
      w->kind = kind;
      w->since_ms = now;
      continue;
    }
    if (now - w->since_ms < timeout_ms)
      continue;
    stuck[i] = 1;
    if (now - w->since_ms < waited_all)
      waited_all = now - w->since_ms;
    if (kind == SS_WAIT_BLOCK)
      continue;
    if (kind != SS_WAIT_COND) {
      any = blocked[i] = 1;
      continue;
    }
    any_cond = 1;
    /* A signalled waiter cannot return before it has its mutex again:
     * whoever holds the mutex is what it waits for now (whether the
     * signal woke it or another waiter). */
    if (cond_signalled(s))
      any = blocked[i] = s->cond_reacquire = 1;
  }
  /* Condvar waits make no wait-for edge (anyone may signal): only when
   * every thread is stuck can none of them ever signal (deadlock_all.c). */
  if (any_cond && ss_deadlock_all_blocked(snaps, nsnaps, stuck, waited_all))
    return;
  if (!any)
    return;
  /* Follow waits-for from each blocked thread; a revisit within one walk
   * is a cycle (every thread on it blocked past the timeout). A cycle that
   * a timed wait will break does not end the scan: an unbounded one may
   * exist beside it (reports are de-duplicated, so each is said once). */
  for (uint32_t start = 0; start < nsnaps; start++) {
    if (!blocked[start])
      continue;
    uint32_t path[64];
    uint32_t n = 0;
    int cur = (int)start;
    int cycle_at = -1;
    while (cur >= 0 && n < 64 && cycle_at < 0) {
      for (uint32_t k = 0; k < n; k++)
        if (path[k] == (uint32_t)cur)
          cycle_at = (int)k;
      if (cycle_at < 0) {
        path[n++] = (uint32_t)cur;
        cur = holder_of(&snaps[cur], blocked);
      }
    }
    if (cycle_at < 0)
      continue;
    uint64_t waited = UINT64_MAX;
    for (uint32_t m = (uint32_t)cycle_at; m < n; m++) {
      uint64_t w = now - seens[snaps[path[m]].slot].since_ms;
      if (w < waited)
        waited = w;
    }
    report_deadlock(path + cycle_at, n - (uint32_t)cycle_at, waited);
  }
}

/* The watchdog is a tick of the core's monitor thread (core/monitor.h),
 * every quarter of the timeout (10 to 250 ms). Its tables are mapped at
 * its first tick, so a single-threaded program never maps them. */
static void watchdog_tick(uint64_t now) {
  (void)now;
  if (!snaps) {
    if (mapped_failed)
      return;
    cap = ss_threads_capacity();
    snaps = ss_map(cap * sizeof(*snaps));
    seens = ss_map(cap * sizeof(*seens));
    if (!snaps || !seens) {
      mapped_failed = 1;
      snaps = NULL;
      return;
    }
  }
  scan((uint64_t)ss_lock_flags.deadlock_timeout_ms);
}

SS_HIDDEN void ss_watchdog_init(void) {
  if (ss_lock_flags.deadlock_timeout_ms <= 0)
    return;
  uint64_t period = (uint64_t)ss_lock_flags.deadlock_timeout_ms / 4;
  ss_monitor_add(watchdog_tick, (uint32_t)(period > 250 ? 250 : period));
}

/* The monitor starts once a second thread exists (again in a forked
 * child, whose monitor thread did not survive the fork). */
SS_HIDDEN void ss_watchdog_start(void) {
  if (ss_lock_flags.deadlock_timeout_ms > 0)
    ss_monitor_start();
}
