/* Condition-variable hooks: pthread_cond_*, C11 cnd_*, and the out-of-line
 * members of libstdc++'s std::condition_variable.
 *
 * A wait releases its mutex and re-acquires it before returning, so the
 * mutex leaves the held stack before the real wait and comes back after it
 * (through ss_lock_before/ss_lock_after, so that lock order and levels see
 * the re-acquisition like any other). Checks: condvar-wait-unlocked,
 * condvar-mutex-mismatch, condvar-destroyed, and destroy-locked for a
 * condvar that still has blocked waiters. */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <threads.h>
#include <time.h>

#include "syncsan/hooks.h"

#include "cond_table.h"
#include "lock_table.h"
#include "mutex_op.h"
#include "core/real.h"
#include "core/report.h"
#include "wait_sites.h"

/* ---- reports ---- */

static const char *cond_label(uintptr_t cond, const struct ss_cond_info *ci, char *buf,
                              size_t n) {
  ss_format(buf, n, "condvar C%u%s%s%s (%p)", ci->id, ci->name ? " '" : "",
            ci->name ? ci->name : "", ci->name ? "'" : "", (void *)cond);
  return buf;
}

static void cond_origin(struct ss_report *r, const struct ss_cond_info *ci) {
  if (ci->init_site)
    ss_report_section(r, ci->init_site, "condvar C%u was initialised at", ci->id);
  else
    ss_report_section(r, NULL, "condvar C%u was statically initialised (no init call seen)",
                      ci->id);
}

/* `site` is the wait call's own site: its object names the condvar. */
SS_COLD static void report_wait_unlocked(struct ss_lock_thread *t, const struct ss_lockop *mop,
                                         uintptr_t cond, const struct syncsan_site *site) {
  struct ss_cond_info ci = {0};
  ss_cond_info(cond, site, &ci);
  uint32_t holder;
  const struct syncsan_site *held_at;
  ss_stack_id held_stack = 0;
  int other = ss_thread_find_holder(mop->addr, &holder, &held_at, &held_stack);
  ss_lock_lookup(mop->addr, mop->kind, other ? held_at : NULL, NULL);
  const char *names[] = {ci.name, NULL};
  struct ss_report *r = ss_report_begin_names("condvar-wait-unlocked", SS_SEV_ERROR, mop->site,
                                              names, (uintptr_t)mop->site, mop->addr);
  if (!r)
    return;
  char cl[200], ml[200];
  cond_label(cond, &ci, cl, sizeof(cl));
  ss_lock_label(mop->addr, mop->kind, NULL, ml, sizeof(ml));
  ss_report_headline(r, "thread T%u waits on %s with %s, which it does not hold", t->tid, cl,
                     ml);
  ss_report_section_here(r, mop->site, "Wait by thread T%u", t->tid);
  if (other)
    ss_report_section_stack(r, held_at, held_stack, "The mutex is held by thread T%u, acquired at",
                            holder);
  ss_report_lock_origin(r, mop->addr);
  cond_origin(r, &ci);
  ss_report_thread(r, t->tid);
  if (other)
    ss_report_thread(r, holder);
  ss_report_end(r);
}

SS_COLD static void report_mismatch(struct ss_lock_thread *t, const struct ss_lockop *mop,
                                    uintptr_t cond, const struct ss_cond_info *ci) {
  ss_lock_lookup(mop->addr, mop->kind, NULL, NULL);
  ss_lock_lookup(ci->mutex, ci->mutex_kind, NULL, NULL);
  const char *names[] = {ci->name, NULL};
  struct ss_report *r =
      ss_report_begin_names("condvar-mutex-mismatch", SS_SEV_ERROR, mop->site, names,
                            (uintptr_t)mop->site, (uintptr_t)ci->mutex_site);
  if (!r)
    return;
  char cl[200], ml[200], ol[200];
  cond_label(cond, ci, cl, sizeof(cl));
  ss_lock_label(mop->addr, mop->kind, NULL, ml, sizeof(ml));
  ss_lock_label(ci->mutex, ci->mutex_kind, NULL, ol, sizeof(ol));
  ss_report_headline(r,
                     "thread T%u waits on %s with %s while %u other waiter%s use%s %s",
                     t->tid, cl, ml, ci->mutex_waiters, ci->mutex_waiters == 1 ? "" : "s",
                     ci->mutex_waiters == 1 ? "s" : "", ol);
  ss_report_section_here(r, mop->site, "Wait with %s by thread T%u", ml, t->tid);
  ss_report_section(r, ci->mutex_site, "Wait with %s by thread T%u, still waiting", ol,
                    ci->mutex_tid);
  ss_report_lock_origin(r, mop->addr);
  ss_report_lock_origin(r, ci->mutex);
  cond_origin(r, ci);
  ss_report_thread(r, t->tid);
  ss_report_thread(r, ci->mutex_tid);
  ss_report_end(r);
}

SS_COLD static void report_destroy_waited(struct ss_lock_thread *t, uintptr_t cond,
                                          const struct syncsan_site *site,
                                          const struct ss_cond_info *ci, int reinit) {
  const char *names[] = {ci->name, NULL};
  struct ss_report *r = ss_report_begin_names("destroy-locked", SS_SEV_ERROR, site, names,
                                              (uintptr_t)site, cond);
  if (!r)
    return;
  char cl[200], ml[200];
  cond_label(cond, ci, cl, sizeof(cl));
  ss_report_headline(r, "thread T%u %s %s while %u thread%s blocked waiting on it", t->tid,
                     reinit ? "re-initialises" : "destroys", cl, ci->blocked,
                     ci->blocked == 1 ? " is" : "s are");
  ss_report_section_here(r, site, "%s by thread T%u", reinit ? "Re-initialisation" : "Destruction",
                    t->tid);
  if (ci->mutex && ci->mutex_site) {
    ss_lock_lookup(ci->mutex, ci->mutex_kind, NULL, NULL);
    ss_lock_label(ci->mutex, ci->mutex_kind, NULL, ml, sizeof(ml));
    ss_report_section(r, ci->mutex_site, "Wait with %s by thread T%u", ml, ci->mutex_tid);
  }
  cond_origin(r, ci);
  ss_report_thread(r, t->tid);
  if (ci->mutex && ci->mutex_site)
    ss_report_thread(r, ci->mutex_tid);
  ss_report_end(r);
}

/* A wait, signal or broadcast on a condvar that was destroyed and not
 * initialised again. `what` is the operation ("waits on", "signals"). */
SS_COLD static void report_destroyed(struct ss_lock_thread *t, uintptr_t cond,
                                     const struct syncsan_site *site,
                                     const struct ss_cond_info *ci, const char *what) {
  const char *names[] = {ci->name, NULL};
  struct ss_report *r = ss_report_begin_names("condvar-destroyed", SS_SEV_ERROR, site, names,
                                              (uintptr_t)site, cond);
  if (!r)
    return;
  char cl[200];
  cond_label(cond, ci, cl, sizeof(cl));
  ss_report_headline(r, "thread T%u %s %s, which was destroyed and not initialised again",
                     t->tid, what, cl);
  ss_report_section_here(r, site, "Use by thread T%u", t->tid);
  ss_report_section(r, ci->destroy_site, "condvar C%u was destroyed at", ci->id);
  cond_origin(r, ci);
  ss_report_thread(r, t->tid);
  ss_report_end(r);
}

/* The bytes PTHREAD_COND_INITIALIZER gives. A destroyed condvar's memory
 * that holds them again was statically initialised anew (a later stack
 * frame, reused heap), which no call shows: it is a new condvar. A
 * destroyed glibc condvar never does (the destroy sets a flag in it).
 * Read word by word with relaxed loads: other threads may be using it. */
static int cond_fresh(uintptr_t cond, size_t size) {
  static const pthread_cond_t init = PTHREAD_COND_INITIALIZER;
  const unsigned *a = (const unsigned *)cond, *b = (const unsigned *)(const void *)&init;
  size_t n = (size < sizeof(init) ? size : sizeof(init)) / sizeof(unsigned);
  for (size_t i = 0; i < n; i++)
    if (__atomic_load_n(&a[i], __ATOMIC_RELAXED) != b[i])
      return 0;
  return 1;
}

/* The table found cond destroyed (ss_cond_gone, ss_cond_wake): a report,
 * unless its bytes show it was statically initialised since. */
static void check_destroyed(struct ss_lock_thread *t, uintptr_t cond, size_t size,
                            const struct syncsan_site *site, const struct ss_cond_info *ci,
                            const char *what) {
  if (cond_fresh(cond, size))
    ss_cond_forget_gone(cond);
  else
    report_destroyed(t, cond, site, ci, what);
}

/* ---- the wait protocol shared by every wait function ---- */

struct wait_state {
  struct ss_lockop mop;
  struct ss_cond_ticket tk;
  int held; /* the thread held the mutex when it called wait */
  struct ss_lock_thread *t;
  uintptr_t cond;
  int forwarding; /* inside a forwarded libstdc++ wait (ss_forward_begin) */
};

static void wait_begin(struct ss_lock_thread *t, struct wait_state *w, uintptr_t cond,
                       size_t size, const void *mutex, int kind,
                       const struct syncsan_site *site, int timed) {
  /* First: the checks below record the condvar as one in use. */
  struct ss_cond_info gone;
  if (SS_UNLIKELY(ss_cond_gone(cond, &gone)))
    check_destroyed(t, cond, size, site, &gone, "waits on");
  w->t = t;
  w->cond = cond;
  w->forwarding = 0;
  /* The wait re-acquires the mutex: its entry keeps whether it is shared. */
  w->mop.pshared =
      ss_mutex_pshared(ss_mutex_op(&w->mop, mutex, kind, SS_ACQ_BLOCKING, ss_wait_mutex_site(site)));
  struct ss_held *h = ss_held_find(t, w->mop.addr);
  /* Past max_held_locks the stack is incomplete: assume the mutex is held. */
  w->held = h != NULL || t->nlost;
  /* The call that locked the mutex names it, for reports that mention it
   * later from a wait site (which names only the condvar). */
  if (h)
    ss_lock_lookup(w->mop.addr, kind, h->site, NULL);
  if (w->held)
    ss_unlock_before(t, &w->mop);
  else
    report_wait_unlocked(t, &w->mop, cond, site);
  struct ss_cond_info other;
  if (SS_UNLIKELY(ss_cond_wait_begin(cond, w->mop.addr, kind, site, t->tid, &w->tk, &other)))
    report_mismatch(t, &w->mop, cond, &other);
  /* For the watchdog (deadlock_all.c): the wait, and the signal count it
   * began under, so that it can tell a waiter no one has signalled since
   * from one that may be re-acquiring the mutex. */
  if (w->tk.id) {
    t->cond_mutex = w->mop.addr;
    t->cond_mutex_kind = (uint16_t)kind;
    t->cond_id = w->tk.id;
    t->cond_signals = w->tk.signals;
    t->cond_site = site;
    __atomic_store_n(&t->cond_seq, t->cond_seq + 1, __ATOMIC_RELAXED);
    __atomic_store_n(&t->cond_wait, cond | (timed ? SS_WAIT_TIMED : 0), __ATOMIC_RELEASE);
  }
}

/* `reacquired`: the result is one with which the wait returns holding the
 * mutex. A failing wait (EINVAL, EPERM) returns before releasing it, so a
 * mutex the thread held is still held then. */
static void wait_end(struct ss_lock_thread *t, struct wait_state *w, uintptr_t cond,
                     int reacquired) {
  __atomic_store_n(&t->cond_wait, 0, __ATOMIC_RELAXED);
  ss_cond_wait_end(cond, &w->tk);
  if (w->held || reacquired) {
    ss_lock_before(t, &w->mop);
    ss_lock_after(t, &w->mop, 0);
  }
}

/* Cancellation. A wait is a cancellation point: a thread cancelled in it
 * re-acquires the mutex and unwinds through this hook into the program's
 * cleanup handlers (which typically unlock the mutex), so wait_end would
 * never run. glibc unwinds with _Unwind_ForcedUnwind, which runs the
 * cleanup handlers registered with pthread_cleanup_push as it passes their
 * frames, innermost first: the hook registers its own around the real
 * wait, so the mutex is held again and the waiter gone before any handler
 * of the program runs. (In C, pthread_cleanup_push is the portable way to
 * take part in that unwinding; the runtime is not built with exceptions.) */
static void wait_cancelled(void *arg) {
  struct wait_state *w = arg;
  if (w->forwarding)
    ss_forward_end();
  wait_end(w->t, w, w->cond, 1);
}

#define CANCELLABLE_WAIT(w, call)                                                          \
  do {                                                                                     \
    pthread_cleanup_push(wait_cancelled, (w));                                             \
    call;                                                                                  \
    pthread_cleanup_pop(0);                                                                \
  } while (0)

static int pthread_reacquired(int rc, pthread_mutex_t *m) {
  if (SS_UNLIKELY(rc == EOWNERDEAD))
    ss_lock_owner_taken((uintptr_t)m); /* a robust mutex's dead owner's hold ends here */
  return rc == 0 || rc == ETIMEDOUT || rc == EOWNERDEAD;
}

static int c11_reacquired(int rc) { return rc == thrd_success || rc == thrd_timedout; }

static void created(struct ss_lock_thread *t, uintptr_t cond, const struct syncsan_site *site) {
  struct ss_cond_info prev;
  if (ss_cond_created(cond, site, &prev) && prev.blocked)
    report_destroy_waited(t, cond, site, &prev, 1);
}

static void woken(uintptr_t cond, size_t size, int all, const struct syncsan_site *site) {
  struct ss_cond_info gone;
  if (SS_UNLIKELY(ss_cond_wake(cond, all, &gone))) {
    SS_NOTE_HOOK_PC();
    check_destroyed(ss_lock_thread_get(), cond, size, ss_site(site), &gone,
                    all ? "broadcasts" : "signals");
  }
}

static void destroyed(struct ss_lock_thread *t, uintptr_t cond, const struct syncsan_site *site) {
  struct ss_cond_info prev;
  if (ss_cond_destroyed(cond, site, &prev) && prev.blocked)
    report_destroy_waited(t, cond, site, &prev, 0);
}

/* ---- pthread_cond_* ---- */

SS_EXPORT int __syncsan_pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a,
                                          const struct syncsan_site *site) {
  int rc = SS_REAL(pthread_cond_init)(c, a);
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (rc == 0 && !ss_in_hook()) {
    SS_NOTE_HOOK_PC();
    created(t, (uintptr_t)c, ss_site(site));
  }
  return rc;
}

SS_EXPORT int __syncsan_pthread_cond_destroy(pthread_cond_t *c,
                                             const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (!ss_in_hook()) {
    SS_NOTE_HOOK_PC();
    destroyed(t, (uintptr_t)c, ss_site(site));
  }
  return SS_REAL(pthread_cond_destroy)(c);
}

SS_EXPORT int __syncsan_pthread_cond_signal(pthread_cond_t *c,
                                            const struct syncsan_site *site) {
  if (!ss_in_hook())
    woken((uintptr_t)c, sizeof(*c), 0, site);
  return SS_REAL(pthread_cond_signal)(c);
}

SS_EXPORT int __syncsan_pthread_cond_broadcast(pthread_cond_t *c,
                                               const struct syncsan_site *site) {
  if (!ss_in_hook())
    woken((uintptr_t)c, sizeof(*c), 1, site);
  return SS_REAL(pthread_cond_broadcast)(c);
}

SS_EXPORT int __syncsan_pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m,
                                          const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_cond_wait)(c, m);
  struct wait_state w;
  SS_NOTE_HOOK_PC();
  wait_begin(t, &w, (uintptr_t)c, sizeof(*c), m, SS_KIND_MUTEX, ss_site(site), 0);
  int rc = 0;
  CANCELLABLE_WAIT(&w, rc = SS_REAL(pthread_cond_wait)(c, m));
  wait_end(t, &w, (uintptr_t)c, pthread_reacquired(rc, m));
  return rc;
}

SS_EXPORT int __syncsan_pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                               const struct timespec *ts,
                                               const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_cond_timedwait)(c, m, ts);
  struct wait_state w;
  SS_NOTE_HOOK_PC();
  wait_begin(t, &w, (uintptr_t)c, sizeof(*c), m, SS_KIND_MUTEX, ss_site(site), 1);
  int rc = 0;
  CANCELLABLE_WAIT(&w, rc = SS_REAL(pthread_cond_timedwait)(c, m, ts));
  wait_end(t, &w, (uintptr_t)c, pthread_reacquired(rc, m));
  return rc;
}

SS_EXPORT int __syncsan_pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m,
                                               clockid_t clock, const struct timespec *ts,
                                               const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(pthread_cond_clockwait)(c, m, clock, ts);
  struct wait_state w;
  SS_NOTE_HOOK_PC();
  wait_begin(t, &w, (uintptr_t)c, sizeof(*c), m, SS_KIND_MUTEX, ss_site(site), 1);
  int rc = 0;
  CANCELLABLE_WAIT(&w, rc = SS_REAL(pthread_cond_clockwait)(c, m, clock, ts));
  wait_end(t, &w, (uintptr_t)c, pthread_reacquired(rc, m));
  return rc;
}

/* ---- C11 cnd_* ---- */

SS_EXPORT int __syncsan_cnd_init(cnd_t *c, const struct syncsan_site *site) {
  int rc = SS_REAL(cnd_init)(c);
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (rc == thrd_success && !ss_in_hook()) {
    SS_NOTE_HOOK_PC();
    created(t, (uintptr_t)c, ss_site(site));
  }
  return rc;
}

SS_EXPORT void __syncsan_cnd_destroy(cnd_t *c, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (!ss_in_hook()) {
    SS_NOTE_HOOK_PC();
    destroyed(t, (uintptr_t)c, ss_site(site));
  }
  SS_REAL(cnd_destroy)(c);
}

SS_EXPORT int __syncsan_cnd_signal(cnd_t *c, const struct syncsan_site *site) {
  if (!ss_in_hook())
    woken((uintptr_t)c, sizeof(*c), 0, site);
  return SS_REAL(cnd_signal)(c);
}

SS_EXPORT int __syncsan_cnd_broadcast(cnd_t *c, const struct syncsan_site *site) {
  if (!ss_in_hook())
    woken((uintptr_t)c, sizeof(*c), 1, site);
  return SS_REAL(cnd_broadcast)(c);
}

SS_EXPORT int __syncsan_cnd_wait(cnd_t *c, mtx_t *m, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(cnd_wait)(c, m);
  struct wait_state w;
  SS_NOTE_HOOK_PC();
  wait_begin(t, &w, (uintptr_t)c, sizeof(*c), m, SS_KIND_MTX, ss_site(site), 0);
  int rc = 0;
  CANCELLABLE_WAIT(&w, rc = SS_REAL(cnd_wait)(c, m));
  wait_end(t, &w, (uintptr_t)c, c11_reacquired(rc));
  return rc;
}

SS_EXPORT int __syncsan_cnd_timedwait(cnd_t *restrict c, mtx_t *restrict m,
                                      const struct timespec *restrict ts,
                                      const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(cnd_timedwait)(c, m, ts);
  struct wait_state w;
  SS_NOTE_HOOK_PC();
  wait_begin(t, &w, (uintptr_t)c, sizeof(*c), m, SS_KIND_MTX, ss_site(site), 1);
  int rc = 0;
  CANCELLABLE_WAIT(&w, rc = SS_REAL(cnd_timedwait)(c, m, ts));
  wait_end(t, &w, (uintptr_t)c, c11_reacquired(rc));
  return rc;
}

/* ---- std::condition_variable (libstdc++) ----
 * The object is a pthread_cond_t at offset 0 (its __condvar member), and a
 * std::unique_lock<std::mutex> starts with its mutex pointer, whose
 * pthread_mutex_t is at offset 0 too: the layouts are part of libstdc++'s
 * ABI. The real members come from the table of real functions (real.c
 * references them weakly, so C programs link without libstdc++, and says
 * so if one is called but missing).
 *
 * The members call pthread_cond_* through libstdc++'s PLT, which in a
 * program with interposers is syncsan's interposer: the operation this
 * hook has already checked, so the call to the member is forwarding
 * (real.h), and those nested calls perform the real operation only. */
#define CV_CTOR1 _ZNSt18condition_variableC1Ev
#define CV_CTOR2 _ZNSt18condition_variableC2Ev
#define CV_DTOR1 _ZNSt18condition_variableD1Ev
#define CV_DTOR2 _ZNSt18condition_variableD2Ev
#define CV_WAIT _ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE
#define CV_NOTIFY_ONE _ZNSt18condition_variable10notify_oneEv
#define CV_NOTIFY_ALL _ZNSt18condition_variable10notify_allEv
#define HOOK(name) SS_CAT(__syncsan_, name)

static void cxx_ctor(void (*real)(void *), void *cv, const struct syncsan_site *site) {
  ss_forward_begin();
  real(cv);
  ss_forward_end();
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (!ss_in_hook()) {
    SS_NOTE_HOOK_PC();
    created(t, (uintptr_t)cv, ss_site(site));
  }
}

static void cxx_dtor(void (*real)(void *), void *cv, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (!ss_in_hook()) {
    SS_NOTE_HOOK_PC();
    destroyed(t, (uintptr_t)cv, ss_site(site));
  }
  ss_forward_begin();
  real(cv);
  ss_forward_end();
}

SS_EXPORT void HOOK(CV_CTOR1)(void *cv, const struct syncsan_site *site) {
  cxx_ctor(SS_REAL(CV_CTOR1), cv, site);
}
SS_EXPORT void HOOK(CV_CTOR2)(void *cv, const struct syncsan_site *site) {
  cxx_ctor(SS_REAL(CV_CTOR2), cv, site);
}
SS_EXPORT void HOOK(CV_DTOR1)(void *cv, const struct syncsan_site *site) {
  cxx_dtor(SS_REAL(CV_DTOR1), cv, site);
}
SS_EXPORT void HOOK(CV_DTOR2)(void *cv, const struct syncsan_site *site) {
  cxx_dtor(SS_REAL(CV_DTOR2), cv, site);
}

static void cxx_notify(void (*real)(void *), void *cv, int all,
                       const struct syncsan_site *site) {
  if (!ss_in_hook())
    woken((uintptr_t)cv, sizeof(pthread_cond_t), all, site);
  ss_forward_begin();
  real(cv);
  ss_forward_end();
}

SS_EXPORT void HOOK(CV_NOTIFY_ONE)(void *cv, const struct syncsan_site *site) {
  cxx_notify(SS_REAL(CV_NOTIFY_ONE), cv, 0, site);
}

SS_EXPORT void HOOK(CV_NOTIFY_ALL)(void *cv, const struct syncsan_site *site) {
  cxx_notify(SS_REAL(CV_NOTIFY_ALL), cv, 1, site);
}

SS_EXPORT void HOOK(CV_WAIT)(void *cv, void *lock, const struct syncsan_site *site) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  void *m = *(void **)lock; /* unique_lock::_M_device */
  if (SS_UNLIKELY(ss_in_hook()) || !m) {
    ss_forward_begin();
    SS_REAL(CV_WAIT)(cv, lock);
    ss_forward_end();
    return;
  }
  struct wait_state w;
  SS_NOTE_HOOK_PC();
  wait_begin(t, &w, (uintptr_t)cv, sizeof(pthread_cond_t), m, SS_KIND_MUTEX, ss_site(site), 0);
  w.forwarding = 1;
  ss_forward_begin();
  CANCELLABLE_WAIT(&w, SS_REAL(CV_WAIT)(cv, lock));
  ss_forward_end();
  wait_end(t, &w, (uintptr_t)cv, 1);
}
