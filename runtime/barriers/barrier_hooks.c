/* pthread barrier hooks: pthread_barrier_init, _wait and _destroy, with the
 * checks made at the call (the stall checks run on the monitor thread,
 * barrier_stall.c).
 *
 * Every hook performs the real call exactly once and returns its result,
 * with one exception: glibc divides by the barrier's count in both wait
 * and destroy, so on a barrier that was never initialised (its count word
 * is 0, which pthread_barrier_init never stores) the real call would end
 * the process with SIGFPE. After the barrier-uninitialized report the hook
 * returns EINVAL instead (what POSIX lets an implementation return for a
 * barrier that is not initialised), so the report is not lost to the
 * crash and halt_on_error still decides whether the program goes on. */
#include <errno.h>
#include <pthread.h>

#include "syncsan/hooks.h"

#include "barrier_flags.h"
#include "barrier_report.h"
#include "barrier_table.h"
#include "core/monitor.h"
#include "core/real.h"

/* glibc's barrier (nptl/pthread_barrier_init.c, since 2.23) is five
 * unsigned words: in, current_round, count, shared, out. The count is
 * what tells a barrier initialised where syncsan did not see (another
 * process's, for a process-shared one) from one never initialised. */
static unsigned mem_count(const pthread_barrier_t *b) {
#ifdef __GLIBC__
  return __atomic_load_n(&((const unsigned *)(const void *)b)[2], __ATOMIC_RELAXED);
#else
  (void)b;
  return 1; /* unknown: taken as initialised, with no count-based checks */
#endif
}

/* ---- reports ---- */

/* The prologue every report below shares: the report of check id about
 * barrier addr (of kind) at site, de-duplicated by key, and the barrier's
 * label in bl. NULL when it is not printed (suppressed, a repeat, capped). */
static struct ss_report *begin_report(const char *id, uintptr_t addr, uint32_t kind,
                                      const struct syncsan_site *site, uintptr_t key, char *bl,
                                      size_t n) {
  struct ss_report *r = ss_barrier_report_begin(id, site, site, key, addr);
  if (r)
    ss_barrier_label(addr, kind, site, bl, n);
  return r;
}

SS_COLD static void report_count_zero(uint32_t tid, uintptr_t addr,
                                      const struct syncsan_site *site) {
  char bl[200];
  struct ss_report *r = begin_report("barrier-count-mismatch", addr, SS_BAR_PTHREAD, site, (uintptr_t)site, bl, sizeof bl);
  if (!r)
    return;
  ss_report_headline(r,
                     "thread T%u initialises %s with count 0: pthread_barrier_init fails "
                     "(EINVAL) and no wait on it can succeed",
                     tid, bl);
  ss_report_section_here(r, site, "Initialisation by thread T%u", tid);
  ss_report_thread(r, tid);
  ss_report_end(r);
}

/* b: the record, NULL when the table has none (or was full). `destroy`:
 * the call is a destroy (else a wait); `destroyed`: the barrier was
 * destroyed (else never initialised); `skipped`: the real call was not
 * made. */
SS_COLD static void report_uninitialized(uint32_t tid, uintptr_t addr,
                                         const struct syncsan_site *site,
                                         const struct ss_barrier *b, int destroy, int destroyed,
                                         int skipped) {
  char bl[200];
  struct ss_report *r = begin_report("barrier-uninitialized", addr, SS_BAR_PTHREAD, site, (uintptr_t)site, bl, sizeof bl);
  if (!r)
    return;
  ss_report_headline(r, "thread T%u %s %s, which %s", tid, destroy ? "destroys" : "waits on",
                     bl, destroyed ? "was destroyed and not initialised again"
                                   : "was never initialised");
  const char *call = !destroy ? "Wait" : destroyed ? "Destruction again" : "Destruction";
  ss_report_section_here(r, site, "%s by thread T%u", call, tid);
  if (destroyed && b) {
    ss_report_section(r, b->destroy_site, "%s was destroyed by thread T%u at", bl,
                      b->destroy_tid);
    ss_barrier_origin(r, b, bl);
    ss_report_thread(r, b->destroy_tid);
  }
  if (skipped)
    ss_buf_printf(&r->notes,
                  "  The call was not made (glibc would divide by the barrier's count, 0, "
                  "and end the process with SIGFPE); it returns EINVAL.\n");
  ss_report_thread(r, tid);
  ss_report_end(r);
}

SS_COLD SS_HIDDEN void ss_barrier_report_double_wait(uint32_t tid, uintptr_t addr,
                                                     const struct syncsan_site *site,
                                                     const struct ss_barrier *b,
                                                     const struct ss_barrier_arrive *a) {
  char bl[200];
  struct ss_report *r = begin_report("barrier-double-wait", addr, b->kind, site, (uintptr_t)site, bl, sizeof bl);
  if (!r)
    return;
  ss_report_headline(r,
                     "thread T%u arrives at %s a second time in one phase (phase %llu, %u of "
                     "%u arrivals): its own arrivals would complete a phase the other "
                     "participants have not reached",
                     tid, bl, (unsigned long long)a->phase, a->narrived, a->count);
  ss_report_section_here(r, site, "Second arrival by thread T%u", tid);
  /* std::barrier::arrive does not wait: its thread is the one here. */
  if (a->first_site)
    ss_report_section(r, a->first_site, "First arrival in the same phase by thread T%u%s", tid,
                      a->first_site->op == SYNCSAN_OP_CXX_BARRIER_ARRIVE ? ""
                                                                           : ", still waiting");
  ss_barrier_origin(r, b, bl);
  ss_report_thread(r, tid);
  ss_report_end(r);
}

/* The pool that uses b is larger than its count: reported at the arrival
 * of the first live user past it, once per incarnation. Users that have
 * exited do not count (a new pool after an old one was joined is fine),
 * and their slots are freed for later users. Users past the array are
 * taken to be live. */
struct pool_probe {
  uint32_t tids[SS_BARRIER_USERS];
  uint32_t used[SS_BARRIER_USERS]; /* the slot holds a user (not freed) */
  uint32_t live[SS_BARRIER_USERS], n;
};

static void probe_pool(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct pool_probe *p = arg;
  for (uint32_t i = 0; i < p->n; i++)
    if (p->used[i] && p->tids[i] == t->tid)
      p->live[i] = 1;
}

SS_COLD SS_HIDDEN void ss_barrier_check_pool(uint32_t tid, uintptr_t addr,
                                             const struct syncsan_site *site,
                                             struct ss_barrier *b) {
  struct pool_probe p;
  ss_spin_lock(&b->lock);
  uint32_t lost = b->users_lost, count = b->count, gen = b->gen;
  int done = b->pool_reported;
  p.n = b->nusers;
  for (uint32_t i = 0; i < p.n; i++) {
    p.used[i] = !b->users[i].exited;
    p.tids[i] = b->users[i].tid;
    p.live[i] = 0;
  }
  ss_spin_unlock(&b->lock);
  if (done)
    return;
  ss_threads_foreach(probe_pool, &p);
  uint32_t live = lost;
  ss_spin_lock(&b->lock);
  for (uint32_t i = 0; i < p.n; i++) {
    if (!p.used[i] || b->gen != gen || b->users[i].exited || b->users[i].tid != p.tids[i])
      continue;
    if (p.live[i])
      live++;
    else
      b->users[i].exited = 1;
  }
  done = b->pool_reported || b->gen != gen || live <= count;
  if (!done)
    b->pool_reported = 1;
  ss_spin_unlock(&b->lock);
  if (done)
    return;
  char bl[200];
  struct ss_report *r = begin_report("barrier-count-mismatch", addr, b->kind, site, (uintptr_t)b->init_site, bl, sizeof bl);
  if (!r)
    return;
  ss_report_headline(r,
                     "%u distinct live threads wait on %s, whose count is %u: the pool is "
                     "sized differently from the barrier, so its phases mix threads from "
                     "different rounds (or one never completes)",
                     live, bl, count);
  ss_report_section_here(r, site, "Wait by thread T%u, the user past the count", tid);
  ss_barrier_origin(r, b, bl);
  ss_buf_printf(&r->notes, "  Live threads that have waited on it:");
  for (uint32_t i = 0; i < p.n; i++)
    if (p.used[i] && p.live[i])
      ss_buf_printf(&r->notes, " T%u", p.tids[i]);
  if (lost)
    ss_buf_printf(&r->notes, " and %u more", lost);
  ss_buf_printf(&r->notes, "\n");
  ss_report_thread(r, tid);
  ss_report_end(r);
}

/* Destroy or re-init of b while the model has threads waiting in the
 * current phase: the record's arrivals are copied under its lock. */
SS_COLD static void report_in_use(uint32_t tid, uintptr_t addr, const struct syncsan_site *site,
                                  const struct ss_barrier *b, const struct ss_barrier_arrival *arr,
                                  uint32_t narr, uint32_t count, int reinit) {
  char bl[200];
  struct ss_report *r = begin_report("barrier-destroy-in-use", addr, SS_BAR_PTHREAD, site, (uintptr_t)site, bl, sizeof bl);
  if (!r)
    return;
  ss_report_headline(r,
                     "thread T%u %s %s while %u of its %u participants %s blocked waiting on "
                     "it: they never return",
                     tid, reinit ? "re-initialises" : "destroys", bl, narr, count,
                     narr == 1 ? "is" : "are");
  ss_report_section_here(r, site, "%s by thread T%u", reinit ? "Re-initialisation" : "Destruction",
                         tid);
  uint32_t shown = narr < SS_BARRIER_ARRIVED ? narr : SS_BARRIER_ARRIVED;
  if (shown > 8)
    shown = 8;
  for (uint32_t i = 0; i < shown; i++) {
    ss_report_section(r, arr[i].site, "Thread T%u waits at", arr[i].tid);
    ss_report_thread(r, arr[i].tid);
  }
  ss_barrier_origin(r, b, bl);
  ss_report_thread(r, tid);
  ss_report_end(r);
}

/* Copies b's current waiters when it has any (under its lock); their number. */
static uint32_t waiters(struct ss_barrier *b, struct ss_barrier_arrival *arr, uint32_t *count) {
  ss_spin_lock(&b->lock);
  uint32_t n = b->state == SS_BAR_LIVE ? b->narrived : 0;
  *count = b->count;
  for (uint32_t i = 0; i < n && i < SS_BARRIER_ARRIVED; i++)
    arr[i] = b->arrived[i];
  ss_spin_unlock(&b->lock);
  return n;
}

/* ---- the hooks ---- */

SS_EXPORT int __syncsan_pthread_barrier_init(pthread_barrier_t *bar,
                                             const pthread_barrierattr_t *attr, unsigned count,
                                             const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(ss_in_hook()) || t->untracked)
    return SS_REAL(pthread_barrier_init)(bar, attr, count);
  SS_NOTE_HOOK_PC();
  site = ss_site(site);
  uintptr_t addr = (uintptr_t)bar;
  if (count == 0) {
    report_count_zero(t->tid, addr, site);
    return SS_REAL(pthread_barrier_init)(bar, attr, count);
  }
  struct ss_barrier *b = ss_barrier_get(addr, SS_BAR_PTHREAD);
  if (b) {
    struct ss_barrier_arrival arr[SS_BARRIER_ARRIVED];
    uint32_t bc, n = waiters(b, arr, &bc);
    if (n)
      report_in_use(t->tid, addr, site, b, arr, n, bc, 1);
  }
  int rc = SS_REAL(pthread_barrier_init)(bar, attr, count);
  if (rc == 0 && b) {
    ss_spin_lock(&b->lock);
    ss_barrier_reset(b, count, site, t->tid);
    ss_spin_unlock(&b->lock);
  }
  return rc;
}

/* The slow path of a wait the model could not count: a barrier it has no
 * live incarnation of. Returns 1 with *rc set when the hook is done. */
SS_COLD static int wait_unknown(struct ss_thread *t, pthread_barrier_t *bar,
                                const struct syncsan_site *site, struct ss_barrier *b,
                                const struct ss_barrier_arrive *a, int *rc) {
  uintptr_t addr = (uintptr_t)bar;
  unsigned mc = mem_count(bar);
  if (a->state == SS_BAR_FREE && mc) {
    /* Initialised where syncsan did not see (another process, for a
     * process-shared barrier): adopted with the count it holds. */
    ss_spin_lock(&b->lock);
    if (b->state == SS_BAR_FREE)
      ss_barrier_reset(b, mc, NULL, t->tid);
    ss_spin_unlock(&b->lock);
    return 0;
  }
  report_uninitialized(t->tid, addr, site, b, 0, a->state == SS_BAR_DESTROYED, !mc);
  *rc = mc ? SS_REAL(pthread_barrier_wait)(bar) : EINVAL;
  return 1;
}

SS_EXPORT int __syncsan_pthread_barrier_wait(pthread_barrier_t *bar,
                                             const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(ss_in_hook()) || SS_UNLIKELY(t->untracked))
    return SS_REAL(pthread_barrier_wait)(bar);
  site = ss_site(site);
  uintptr_t addr = (uintptr_t)bar;
  struct ss_barrier_arrive a;
  struct ss_barrier *b = ss_barrier_arrive(addr, SS_BAR_PTHREAD, t->tid, site, 0, &a);
  if (SS_UNLIKELY(b && !a.known)) {
    int rc;
    SS_NOTE_HOOK_PC();
    if (wait_unknown(t, bar, site, b, &a, &rc))
      return rc;
    b = ss_barrier_arrive(addr, SS_BAR_PTHREAD, t->tid, site, 0, &a);
  }
  if (SS_UNLIKELY(a.double_wait || a.new_user)) {
    SS_NOTE_HOOK_PC();
    if (a.double_wait)
      ss_barrier_report_double_wait(t->tid, addr, site, b, &a);
    if (a.new_user && a.nusers > a.count)
      ss_barrier_check_pool(t->tid, addr, site, b);
    ss_monitor_start();
  }
  /* A wait this one interrupted (from a signal handler) is published
   * again when this one ends. */
  uint32_t outer = __atomic_load_n(&t->block_kind, __ATOMIC_RELAXED);
  uintptr_t outer_obj = t->block_obj;
  const struct syncsan_site *outer_site = t->block_site;
  ss_block_begin(SS_BLOCK_BARRIER, addr, site);
  int rc = SS_REAL(pthread_barrier_wait)(bar);
  ss_block_end();
  if (SS_UNLIKELY(outer))
    ss_block_begin(outer, outer_obj, outer_site);
  return rc;
}

SS_EXPORT int __syncsan_pthread_barrier_destroy(pthread_barrier_t *bar,
                                                const struct syncsan_site *site) {
  struct ss_thread *t = ss_thread_get();
  if (SS_UNLIKELY(ss_in_hook()) || t->untracked)
    return SS_REAL(pthread_barrier_destroy)(bar);
  SS_NOTE_HOOK_PC();
  site = ss_site(site);
  uintptr_t addr = (uintptr_t)bar;
  unsigned mc = mem_count(bar);
  struct ss_barrier *b = ss_barrier_find(addr);
  uint32_t state = b ? __atomic_load_n(&b->state, __ATOMIC_RELAXED) : SS_BAR_FREE;
  if (state != SS_BAR_LIVE && (state == SS_BAR_DESTROYED || !mc)) {
    report_uninitialized(t->tid, addr, site, b, 1, state == SS_BAR_DESTROYED, !mc);
    return mc ? SS_REAL(pthread_barrier_destroy)(bar) : EINVAL;
  }
  if (b && state == SS_BAR_LIVE) {
    struct ss_barrier_arrival arr[SS_BARRIER_ARRIVED];
    uint32_t bc, n = waiters(b, arr, &bc);
    if (n)
      report_in_use(t->tid, addr, site, b, arr, n, bc, 0);
    /* The waiters stay in the record: they are still blocked, and the
     * stall check names them. */
    ss_spin_lock(&b->lock);
    __atomic_store_n(&b->state, SS_BAR_DESTROYED, __ATOMIC_RELAXED);
    b->destroy_site = site;
    b->destroy_tid = t->tid;
    ss_spin_unlock(&b->lock);
  }
  return SS_REAL(pthread_barrier_destroy)(bar);
}
