/* The stall check: a tick of the core's monitor thread (core/monitor.h)
 * that looks for barrier phases (pthread barriers and OpenMP teams) in
 * progress for longer than barrier_timeout_ms, and says why each is stuck.
 *
 * A phase's first arrival gives no timestamp (that would be a clock read
 * on every wait): the tick notes each phase it finds in progress and when
 * it first saw it, as the lock watchdog does for waits, so a stall is
 * found between one and one and a quarter timeouts after it began.
 *
 * One report per stalled phase, the most specific that applies:
 * barrier-lock-held when a missing participant is blocked on a lock held
 * by a thread waiting at the barrier (a deadlock; the lock is named through
 * ss_thread_wait_detail, which the lock family answers), barrier-count-mismatch
 * when participants that used the barrier have exited and too few are
 * left to complete the phase, barrier-stall otherwise. Then
 * barrier_stall_action. */
#include "barrier_stall.h"

#include "barrier_flags.h"
#include "barrier_omp.h"
#include "barrier_report.h"
#include "barrier_table.h"
#include "core/monitor.h"
#include "core/thread.h"

/* Missing participants described, and waiters shown, at most. */
#define MAX_MISSING 16
#define MAX_SHOWN 8

struct snap {
  uintptr_t addr;
  uint32_t kind, state, gen, count, narrived, nusers, lost;
  uint64_t phase;
  struct ss_barrier_arrival arr[SS_BARRIER_ARRIVED];
  /* A std::latch's threads blocked in wait(): no arrivals (probe_latch). */
  uint32_t nlatch, latch_tid[MAX_SHOWN];
  const struct syncsan_site *latch_site[MAX_SHOWN];
  uint32_t nmissing; /* known missing participants, <= MAX_MISSING */
  uint32_t more_missing; /* known, past MAX_MISSING */
  struct {
    uint32_t tid;
    int live;
    char where[256];
  } missing[MAX_MISSING];
};

static struct snap S; /* monitor thread only: too large for its stack */

/* Takes b's phase under its lock; 0 when it is no longer the one the tick
 * timed (it completed meanwhile). */
static int take(struct ss_barrier *b, struct snap *s) {
  ss_spin_lock(&b->lock);
  s->addr = b->addr;
  s->kind = b->kind;
  s->state = b->state;
  s->gen = b->gen;
  s->count = b->count;
  s->narrived = b->narrived;
  s->phase = b->phase;
  s->nusers = b->nusers;
  s->lost = b->users_lost;
  for (uint32_t i = 0; i < s->narrived && i < SS_BARRIER_ARRIVED; i++)
    s->arr[i] = b->arrived[i];
  s->nmissing = s->more_missing = s->nlatch = 0;
  for (uint32_t i = 0; i < b->nusers; i++) {
    if (b->users[i].exited || b->users[i].arrived_plus1 == b->phase + 1)
      continue;
    if (s->nmissing < MAX_MISSING) {
      s->missing[s->nmissing].tid = b->users[i].tid;
      s->missing[s->nmissing].live = 0;
      s->missing[s->nmissing].where[0] = 0;
      s->nmissing++;
    } else {
      s->more_missing++;
    }
  }
  int same = s->narrived && s->phase == b->seen_phase && s->gen == b->seen_gen;
  ss_spin_unlock(&b->lock);
  return same;
}

static void where_missing(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct snap *s = arg;
  for (uint32_t i = 0; i < s->nmissing; i++)
    if (s->missing[i].tid == t->tid) {
      s->missing[i].live = 1;
      ss_thread_where(t, s->missing[i].where, sizeof(s->missing[i].where));
    }
}

static int arrived(const struct snap *s, uint32_t tid) {
  for (uint32_t i = 0; i < s->narrived && i < SS_BARRIER_ARRIVED; i++)
    if (s->arr[i].tid == tid)
      return 1;
  return 0;
}

/* The site of the first arrival that names a thread (a std::latch's
 * count-downs and a std::barrier's arrive(n) name none), else of the
 * first of a latch's waiters: the barrier's name, for the label. */
static const struct syncsan_site *named_site(const struct snap *s) {
  for (uint32_t i = 0; i < s->narrived && i < SS_BARRIER_ARRIVED; i++)
    if (s->arr[i].tid != SS_BARRIER_ANON)
      return s->arr[i].site;
  return s->nlatch ? s->latch_site[0] : NULL;
}

static uint32_t named_arrivals(const struct snap *s) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < s->narrived && i < SS_BARRIER_ARRIVED; i++)
    n += s->arr[i].tid != SS_BARRIER_ANON;
  return n;
}

static const char *label(const struct snap *s, char *buf, size_t n) {
  if (s->kind == SS_BAR_OMP) {
    ss_format(buf, n, "a barrier of OpenMP team %p", (void *)(s->addr & ~(uintptr_t)1));
    return buf;
  }
  return ss_barrier_label(s->addr, s->kind, named_site(s), buf, n);
}

/* A std::latch's waiters in its wait() are no arrivals: they are found by
 * their block notes (the monitor thread's slow path). */
static void probe_latch(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct snap *s = arg;
  uint32_t k = SS_BLOCK_KIND(__atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE));
  const struct syncsan_site *site = t->block_site;
  if (k != SS_BLOCK_BARRIER || __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED) != s->addr ||
      !site || site->op != SYNCSAN_OP_CXX_LATCH_WAIT)
    return;
  if (s->nlatch < MAX_SHOWN) {
    s->latch_tid[s->nlatch] = t->tid;
    s->latch_site[s->nlatch] = site;
  }
  s->nlatch++;
}

static void waiters_sections(struct ss_report *r, const struct snap *s) {
  uint32_t n = s->narrived < SS_BARRIER_ARRIVED ? s->narrived : SS_BARRIER_ARRIVED, shown = 0,
           named = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (s->arr[i].tid == SS_BARRIER_ANON)
      continue;
    if (named++ >= MAX_SHOWN)
      continue;
    shown++;
    if (s->kind == SS_BAR_OMP)
      ss_report_section(r, s->arr[i].site, "Thread T%u waits in %s at", s->arr[i].tid,
                        ss_omp_sync_name(s->arr[i].sync_kind));
    else
      ss_report_section(r, s->arr[i].site, "Thread T%u waits at", s->arr[i].tid);
    ss_report_thread(r, s->arr[i].tid);
  }
  for (uint32_t i = 0; i < s->nlatch && i < MAX_SHOWN && shown < MAX_SHOWN; i++, shown++) {
    ss_report_section(r, s->latch_site[i], "Thread T%u waits at", s->latch_tid[i]);
    ss_report_thread(r, s->latch_tid[i]);
  }
  if (named + s->nlatch > shown)
    ss_buf_printf(&r->notes, "  ... and %u more waiting threads\n", named + s->nlatch - shown);
}

static void missing_notes(struct ss_report *r, const struct snap *s) {
  uint32_t missing = s->count > s->narrived ? s->count - s->narrived : 0;
  if (s->kind == SS_BAR_LATCH && !s->nmissing) {
    ss_buf_printf(&r->notes, "  %u count-down%s still missing\n", missing,
                  missing == 1 ? " is" : "s are");
    return;
  }
  ss_buf_printf(&r->notes, "  %u participant%s missing", missing, missing == 1 ? " is" : "s are");
  if (!s->nmissing) {
    ss_buf_printf(&r->notes, "; no thread that used %s before is missing (the rest never "
                             "arrived at it)\n",
                  s->kind == SS_BAR_OMP ? "the team's barriers" : "the barrier");
    return;
  }
  ss_buf_printf(&r->notes, "; threads that used %s before and have not arrived:\n",
                s->kind == SS_BAR_OMP ? "the team's barriers" : "the barrier");
  for (uint32_t i = 0; i < s->nmissing; i++)
    ss_buf_printf(&r->notes, "    T%u: %s\n", s->missing[i].tid,
                  s->missing[i].live ? s->missing[i].where : "exited");
  if (s->more_missing)
    ss_buf_printf(&r->notes, "    ... and %u more\n", s->more_missing);
}

/* The origin section needs the record (init site, count). */
static void origin(struct ss_report *r, struct ss_barrier *b, const struct snap *s) {
  char bl[200];
  ss_barrier_origin(r, b, label(s, bl, sizeof(bl)));
}

/* A missing participant blocked on a lock that a waiter holds. */
static int check_lock_held(struct ss_barrier *b, const struct snap *s, uint64_t waited) {
  for (uint32_t i = 0; i < s->nmissing; i++) {
    if (!s->missing[i].live)
      continue;
    uint32_t m = s->missing[i].tid, out[16];
    uint32_t n = ss_thread_waits_for(m, out, 16);
    for (uint32_t j = 0; j < n; j++) {
      if (!arrived(s, out[j]))
        continue;
      char ll[200], bl[200];
      const struct syncsan_site *wsite, *hsite;
      if (!ss_thread_wait_detail(m, out[j], ll, sizeof(ll), &wsite, &hsite))
        continue;
      const struct syncsan_site *bsite = NULL;
      for (uint32_t k = 0; k < s->narrived && k < SS_BARRIER_ARRIVED; k++)
        if (s->arr[k].tid == out[j])
          bsite = s->arr[k].site;
      struct ss_report *r = ss_barrier_report_begin("barrier-lock-held", bsite, bsite,
                                            (uintptr_t)hsite, (uintptr_t)wsite);
      if (!r)
        return 1;
      label(s, bl, sizeof(bl));
      ss_report_headline(r,
                         "thread T%u waits at %s holding %s, which participant T%u is "
                         "blocked acquiring before it can arrive: neither can go on "
                         "(for at least %llu ms)",
                         out[j], bl, ll, m, (unsigned long long)waited);
      ss_report_section(r, bsite, "Thread T%u waits at the barrier at", out[j]);
      ss_report_section(r, hsite, "T%u acquired %s at", out[j], ll);
      ss_report_section(r, wsite, "Thread T%u waits for %s, held by T%u, at", m, ll, out[j]);
      origin(r, b, s);
      ss_report_thread(r, out[j]);
      ss_report_thread(r, m);
      ss_report_end(r);
      return 1;
    }
  }
  return 0;
}

static void diagnose(struct ss_barrier *b, uint64_t waited) {
  struct snap *s = &S;
  if (!take(b, s))
    return;
  if (s->nmissing)
    ss_threads_foreach(where_missing, s);
  if (s->kind == SS_BAR_LATCH)
    ss_threads_foreach(probe_latch, s);
  if (check_lock_held(b, s, waited)) {
    ss_barrier_stall_act();
    return;
  }
  if (s->kind == SS_BAR_OMP && ss_omp_divergence(b, s->arr, s->narrived, s->count, waited)) {
    ss_barrier_stall_act();
    return;
  }
  uint32_t missing = s->count > s->narrived ? s->count - s->narrived : 0, live = 0, gone = 0;
  for (uint32_t i = 0; i < s->nmissing; i++) {
    if (s->missing[i].live)
      live++;
    else
      gone++;
  }
  const struct syncsan_site *where = named_site(s);
  char bl[200];
  label(s, bl, sizeof(bl));
  /* Exited participants explain the stall when those left cannot make up
   * the count (a thread that never used the barrier may still come). */
  int never = gone && live + s->more_missing < missing;
  struct ss_report *r =
      ss_barrier_report_begin(never ? "barrier-count-mismatch" : "barrier-stall", where, where,
                      s->addr, ((uint64_t)s->gen << 32) ^ s->phase);
  if (!r) {
    ss_barrier_stall_act();
    return;
  }
  if (never)
    ss_report_headline(r,
                       "%s can never complete its phase: %u of %u participants wait, %u "
                       "thread%s that used it before ha%s exited, and %u live one%s left to "
                       "arrive (waiting for at least %llu ms)",
                       bl, s->narrived, s->count, gone, gone == 1 ? "" : "s",
                       gone == 1 ? "s" : "ve", live, live == 1 ? " is" : "s are",
                       (unsigned long long)waited);
  else if (s->kind == SS_BAR_LATCH) {
    uint32_t waiting = s->nlatch + named_arrivals(s);
    ss_report_headline(r,
                       "%s has not reached zero for %llu ms: counted down by %u of %u, %u "
                       "thread%s waiting",
                       bl, (unsigned long long)waited, s->narrived, s->count, waiting,
                       waiting == 1 ? "" : "s");
  }
  else
    ss_report_headline(r,
                       "%s has not completed its phase for %llu ms: %u of %u participants "
                       "arrived",
                       bl, (unsigned long long)waited, s->narrived, s->count);
  waiters_sections(r, s);
  missing_notes(r, s);
  origin(r, b, s);
  ss_report_end(r);
  ss_barrier_stall_act();
}

static void stall_tick(uint64_t now) {
  uint64_t timeout = (uint64_t)ss_barrier_flags.barrier_timeout_ms;
  uint32_t n = ss_barrier_used();
  for (uint32_t i = 0; i < n; i++) {
    struct ss_barrier *b = ss_barrier_at(i);
    uint32_t narr = __atomic_load_n(&b->narrived, __ATOMIC_RELAXED);
    uint64_t phase = __atomic_load_n(&b->phase, __ATOMIC_RELAXED);
    uint32_t gen = __atomic_load_n(&b->gen, __ATOMIC_RELAXED);
    if (!narr) {
      b->seen_valid = 0;
      continue;
    }
    if (!b->seen_valid || b->seen_phase != phase || b->seen_gen != gen) {
      b->seen_valid = 1;
      b->seen_phase = phase;
      b->seen_gen = gen;
      b->seen_since_ms = now;
      b->seen_reported = 0;
      continue;
    }
    if (b->seen_reported || now - b->seen_since_ms < timeout)
      continue;
    b->seen_reported = 1;
    diagnose(b, now - b->seen_since_ms);
  }
}

SS_HIDDEN void ss_barrier_stall_init(void) {
  if (ss_barrier_flags.barrier_timeout_ms <= 0)
    return;
  uint64_t period = (uint64_t)ss_barrier_flags.barrier_timeout_ms / 4;
  ss_monitor_add(stall_tick, (uint32_t)(period > 250 ? 250 : period));
}
