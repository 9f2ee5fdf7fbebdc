/* queue-stall (queue_stall.h).
 *
 * A blocking call publishes what it is (queue, side, function, since
 * when, on the coarse clock) before its block note, numbered like the
 * note; the monitor copies every thread's note and, when the numbers
 * agree, the call, and finds those blocked longer than their queue's
 * stall time. Each such call is decided once per stall period while it
 * waits (the listeners are asked again), and reported once. A timed call
 * is the stalled thread's own business: its timed_again decides when its
 * budget is spent, and can honour a FAIL. A non-blocking call that fails
 * is one more in its thread's streak of failures on that queue and side;
 * a success, or a failure elsewhere, ends the streak. */
#include "queue_stall.h"

#include "core/monitor.h"
#include "queue_flags.h"
#include "queue_report.h"
#include "queues_family.h"

#define SIDE_SHOWN 8
#define MAX_SNAPS 256u
#define MAX_WATCH 64u

/* One stalled call, as the decision and the report see it. */
struct stall {
  struct ss_queue *q;
  uint32_t tid;
  int push;
  const struct syncsan_queue_desc *d;
  const struct syncsan_site *site;
  uint64_t waited_ms;
  int retry;   /* a non-blocking call's streak of failures */
  int here;    /* on the stalled thread: its stack can be captured */
  int timed;   /* the call has its timed form in use: FAIL can be honoured */
  uintptr_t key;
};

/* The threads of the other side (poppers for a stalled push, pushers for
 * a pop), and where each is now. */
struct side {
  uint32_t n, lost, tids[SIDE_SHOWN];
  uint8_t live[SIDE_SHOWN];
  char where[SIDE_SHOWN][200];
};

static void where_side(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct side *s = arg;
  for (uint32_t i = 0; i < s->n; i++)
    if (s->tids[i] == t->tid) {
      s->live[i] = 1;
      /* A queue call first: the wait inside it (a condvar of the queue's
       * own) is what the generic answer would name. */
      if (!ss_queue_thread_where(t, s->where[i], sizeof(s->where[i])))
        ss_thread_where(t, s->where[i], sizeof(s->where[i]));
    }
}

static void other_side(struct ss_queue *q, int push, struct side *s) {
  int side = push ? 1 : 0;
  ss_spin_lock(&q->lock);
  s->n = q->ntids[side] < SIDE_SHOWN ? q->ntids[side] : SIDE_SHOWN;
  for (uint32_t i = 0; i < s->n; i++) {
    s->tids[i] = q->tids[side][i];
    s->live[i] = 0;
    s->where[i][0] = 0;
  }
  s->lost = q->tids_lost[side] + (q->ntids[side] - s->n);
  ss_spin_unlock(&q->lock);
  if (s->n)
    ss_threads_foreach(where_side, s);
}

static int any_live(const struct side *s) {
  for (uint32_t i = 0; i < s->n; i++)
    if (s->live[i])
      return 1;
  return s->lost > 0; /* not remembered: may be alive */
}

static int flag_action(void) {
  const char *a = ss_queue_flags.queue_stall_action;
  if (!a)
    return SYNCSAN_QUEUE_REPORT;
  switch (a[0]) {
  case 'f':
    return SYNCSAN_QUEUE_FAIL;
  case 'a':
    return SYNCSAN_QUEUE_ABORT;
  case 'w':
    return SYNCSAN_QUEUE_WAIT;
  default:
    return SYNCSAN_QUEUE_REPORT;
  }
}

/* Listener, else policy, else option; *who says which decided. */
static int decide(const struct stall *s, const struct side *side, const char **who) {
  char label[256];
  struct ss_queue *q = s->q;
  struct syncsan_queue_stall st = {
      .queue = (const void *)__atomic_load_n(&q->handle, __ATOMIC_RELAXED),
      .name = ss_queue_label(q, label, sizeof(label)),
      .push = s->push,
      .thread = s->tid,
      .function = ss_queue_fn(s->d),
      .file = s->site ? s->site->file : "",
      .line = s->site ? s->site->line : 0,
      .waited_ms = (unsigned long)s->waited_ms,
      .occupancy = (unsigned long)ss_queue_occupancy(q),
      .capacity = (unsigned long)__atomic_load_n(&q->capacity, __ATOMIC_RELAXED),
      .other_side_alive = any_live(side),
  };
  if (q->named)
    st.name = q->name;
  int answered;
  int a = ss_queue_ask_listeners(&st, &answered);
  if (answered) {
    *who = "a stall listener";
    return a;
  }
  int32_t pa = q->policy.stall_action;
  if (pa >= 0) {
    *who = "the queue's policy";
    return pa;
  }
  *who = "queue_stall_action";
  return flag_action();
}

static void report(const struct stall *s, const struct side *side, int action, const char *who) {
  struct ss_queue *q = s->q;
  struct ss_report *r = ss_queue_report_begin("queue-stall", SS_SEV_ERROR, s->site, q, s->key);
  if (!r)
    return;
  char label[256], occ[96];
  ss_queue_label(q, label, sizeof(label));
  uint64_t n = ss_queue_occupancy(q), cap = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  if (cap)
    ss_format(occ, sizeof(occ), "%llu of %llu items", (unsigned long long)n,
              (unsigned long long)cap);
  else
    ss_format(occ, sizeof(occ), "%llu items, capacity unknown", (unsigned long long)n);
  const char *fn = ss_queue_fn(s->d);
  if (s->retry)
    ss_report_headline(r,
                       "thread T%u has retried a failing non-blocking %s (%s) on %s for %llu "
                       "ms (%s)",
                       s->tid, s->push ? "push" : "pop", fn, label,
                       (unsigned long long)s->waited_ms, occ);
  else
    ss_report_headline(r, "thread T%u has been blocked %s %s for %llu ms (%s)", s->tid,
                       s->push ? "pushing to" : "popping from", label,
                       (unsigned long long)s->waited_ms, occ);
  if (s->here)
    ss_report_section_here(r, s->site, "Thread T%u %s in %s", s->tid,
                           s->retry ? "retries" : "waits", fn);
  else
    ss_report_section(r, s->site, "Thread T%u waits in %s at", s->tid, fn);
  ss_report_thread(r, s->tid);
  const char *other = s->push ? "popped from" : "pushed to";
  if (!side->n && !side->lost) {
    ss_buf_printf(&r->notes, "  no thread has ever %s it\n", other);
  } else {
    ss_buf_printf(&r->notes, "  threads that %s it:\n", other);
    for (uint32_t i = 0; i < side->n; i++) {
      ss_buf_printf(&r->notes, "    T%u: %s\n", side->tids[i],
                    side->live[i] ? side->where[i] : "exited");
      if (side->live[i])
        ss_report_thread(r, side->tids[i]);
    }
    if (side->lost)
      ss_buf_printf(&r->notes, "    ... and %u more\n", side->lost);
    if (!any_live(side))
      ss_buf_printf(&r->notes, "  every one of them has exited\n");
  }
  if (action == SYNCSAN_QUEUE_FAIL && s->retry)
    ss_buf_printf(&r->notes, "  its calls keep failing as they do (stall action fail, from %s)\n",
                  who);
  else if (action == SYNCSAN_QUEUE_FAIL && s->timed)
    ss_buf_printf(&r->notes, "  the %s is made to fail (stall action fail, from %s)\n",
                  s->push ? "push" : "pop", who);
  else if (action == SYNCSAN_QUEUE_FAIL)
    ss_buf_printf(&r->notes,
                  "  cannot make %s fail: it declares no timed form (timed=); it keeps "
                  "waiting (stall action fail, from %s)\n",
                  fn, who);
  else if (action == SYNCSAN_QUEUE_ABORT)
    ss_buf_printf(&r->notes, "  ending the process (stall action abort, from %s)\n", who);
  ss_queue_origin(r, q, label);
  ss_report_end(r);
}

static _Noreturn void die(const char *who) {
  ss_printf("==%d==syncsan: ending the stalled process (queue stall action abort, from %s)\n",
            ss_pid(), who);
  ss_die();
}

/* Decides a stall (the first time, or once more a stall period later)
 * and acts; returns the action. *reported: whether it has been reported
 * (in, out). */
static int handle(const struct stall *s, int first, int *reported) {
  struct side side;
  other_side(s->q, s->push, &side);
  if (first) {
    ss_spin_lock(&s->q->lock);
    s->q->stalls++;
    ss_spin_unlock(&s->q->lock);
  }
  const char *who;
  int a = decide(s, &side, &who);
  if (a != SYNCSAN_QUEUE_WAIT && !*reported) {
    *reported = 1;
    report(s, &side, a, who);
  }
  if (a == SYNCSAN_QUEUE_ABORT)
    die(who);
  return a;
}

SS_HIDDEN uint32_t ss_queue_stall_timed(struct ss_qcall *k, uint64_t waited_ms) {
  int first = !(k->flags & SS_QC_STALLED);
  k->flags |= SS_QC_STALLED;
  struct stall s = {k->q,
                    ss_self.tid,
                    k->role == SYNCSAN_QUEUE_ROLE_PUSH,
                    k->d,
                    k->site,
                    waited_ms,
                    0,
                    1,
                    1,
                    (uintptr_t)k->start_ns ^ ((uintptr_t)ss_self.tid << 56)};
  int reported = k->asked & 1;
  int a = handle(&s, first, &reported);
  k->asked = (uint32_t)reported;
  return a == SYNCSAN_QUEUE_FAIL ? 0 : 1;
}

SS_HIDDEN void ss_queue_streak_fail(struct ss_queue_thread *qt, struct ss_qcall *k) {
  uint64_t now = ss_queue_coarse_ms();
  int push = k->role == SYNCSAN_QUEUE_ROLE_PUSH;
  if (qt->st_q != k->q || qt->st_gen != k->gen || qt->st_push != (uint32_t)push) {
    qt->st_q = k->q;
    qt->st_gen = k->gen;
    qt->st_push = (uint32_t)push;
    qt->st_since_ms = now;
    qt->st_asked_ms = 0;
    qt->st_reported = 0;
    return;
  }
  uint64_t stall = ss_queue_stall_ms(k->q);
  if (!stall || now - qt->st_since_ms < stall)
    return;
  if (qt->st_asked_ms && now - qt->st_asked_ms < stall)
    return;
  int first = !qt->st_asked_ms;
  qt->st_asked_ms = now;
  struct stall s = {k->q, ss_self.tid, push, k->d, k->site, now - qt->st_since_ms, 1, 1, 0,
                    (uintptr_t)qt->st_since_ms ^ ((uintptr_t)ss_self.tid << 56)};
  int reported = (int)qt->st_reported;
  /* The operation has failed already: FAIL is what it did. */
  handle(&s, first, &reported);
  qt->st_reported = (uint32_t)reported;
}

/* ---- the monitor's part ---- */

struct snap {
  uint32_t tid, seq, push;
  struct ss_queue *q;
  const struct syncsan_queue_desc *d;
  const struct syncsan_site *site;
  uint64_t since;
};

struct watch {
  uint32_t tid, seq;
  uint64_t asked_ms;
  int reported;
};

/* The monitor thread's alone: too large for its stack. */
static struct snap snaps[MAX_SNAPS];
static uint32_t nsnaps;
static struct watch watches[MAX_WATCH], old_watches[MAX_WATCH];
static uint32_t nwatches;

static void copy_thread(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  (void)arg;
  if (nsnaps == MAX_SNAPS)
    return;
  uint32_t kind = __atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE);
  if (kind != SS_BLOCK_QUEUE) /* a timed wait is its own thread's to decide */
    return;
  uint32_t seq = __atomic_load_n(&t->block_seq, __ATOMIC_RELAXED);
  const struct syncsan_site *site = t->block_site;
  struct ss_queue_thread *qt = ss_queue_thread_of(t);
  struct snap *s = &snaps[nsnaps];
  uintptr_t w = qt ? ss_queue_blocking_call(qt, &s->since, &s->d) : 0;
  /* The call belongs to the wait numbered seq only if that wait is still
   * the one in progress once it is read. */
  __atomic_thread_fence(__ATOMIC_ACQUIRE);
  if (!w || __atomic_load_n(&t->block_kind, __ATOMIC_RELAXED) != kind ||
      __atomic_load_n(&t->block_seq, __ATOMIC_RELAXED) != seq)
    return;
  s->tid = t->tid;
  s->seq = seq;
  s->q = (struct ss_queue *)(w & ~(uintptr_t)SS_QUEUE_INF_BITS);
  s->push = (w & SS_QUEUE_INF_PUSH) != 0;
  s->site = site;
  nsnaps++;
}

SS_HIDDEN void ss_queue_stall_tick(uint64_t now) {
  nsnaps = 0;
  ss_threads_foreach(copy_thread, NULL);
  uint32_t nold = nwatches;
  for (uint32_t i = 0; i < nold; i++)
    old_watches[i] = watches[i];
  nwatches = 0;
  for (uint32_t i = 0; i < nsnaps; i++) {
    const struct snap *s = &snaps[i];
    struct ss_queue *q = s->q;
    if (!q || !__atomic_load_n(&q->handle, __ATOMIC_RELAXED))
      continue;
    uint64_t stall = ss_queue_stall_ms(q);
    if (!stall || now < s->since || now - s->since < stall)
      continue;
    struct watch *w = NULL;
    for (uint32_t j = 0; j < nold && !w; j++)
      if (old_watches[j].tid == s->tid && old_watches[j].seq == s->seq)
        w = &old_watches[j];
    if (nwatches == MAX_WATCH)
      break;
    struct watch *nw = &watches[nwatches++];
    if (w)
      *nw = *w;
    else
      *nw = (struct watch){s->tid, s->seq, 0, 0};
    if (nw->asked_ms && now - nw->asked_ms < stall)
      continue;
    int first = !nw->asked_ms;
    nw->asked_ms = now;
    struct stall st = {q,      s->tid, (int)s->push, s->d, s->site, now - s->since, 0, 0, 0,
                       ((uintptr_t)s->tid << 32) | s->seq};
    handle(&st, first, &nw->reported);
  }
}

SS_HIDDEN void ss_queue_stall_fork_child(void) { nwatches = 0; }
