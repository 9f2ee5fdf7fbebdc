/* sem-stall: a thread blocked in a semaphore wait without a timeout, with
 * no post since, that no thread can end.
 *
 * The monitor tick copies every live thread's block note and keeps, for
 * each semaphore waiter, when it was first seen in that wait (its
 * block_seq) and the semaphore's post count then; a post restarts the
 * clock. Once a waiter has waited sem_timeout_ms with no post, the tick
 * decides which threads are stuck, as a greatest fixpoint over the copies
 * (every thread that may be stuck is assumed stuck, and the assumption is
 * dropped for each thread that waits for one that is not, until nothing
 * changes):
 * - a semaphore waiter (no timeout, value 0, posted only by threads of
 *   this process) waits for its live posters: the threads that post it
 *   are the ones its program has post it (a pool's workers);
 * - a semaphore with no live poster (all exited, or nobody ever posted
 *   it) may be posted by any running thread, or one not created yet (a
 *   pool that starts a thread per job, a poster created later): its
 *   waiter is stuck only when every thread of the process is stuck (and
 *   the kernel's thread count is the registry's plus the monitor's, so
 *   that no thread syncsan does not see can post it or create a poster)
 *   and the program has no signal handler (one may post: sem_post is
 *   async-signal-safe, and waiting for a SIGINT handler's post is a
 *   classic);
 * - a join waits for the joined thread, and any other wait for what the
 *   owning family's ss_thread_waits_for says (a lock's holders, a
 *   barrier's missing participants);
 * - anything else may run: no wait, a timed wait, a condvar wait (anyone
 *   may signal), a family that names no thread.
 * A stuck waiter is reported when two ticks in a row find it so (a
 * thread's published state may lag its progress by a moment). The report
 * says where each poster is now, and when a poster's waits lead back to
 * the waiter, the cycle: a lock holder waiting for a post that only a
 * thread blocked on that lock makes. */
#include "sem_stall.h"

#include "sem_flags.h"
#include "sem_misuse.h"
#include "sem_table.h"
#include "sem_where.h"
#include "core/dynsite.h"
#include "core/fatal_signal.h"
#include "core/monitor.h"
#include "core/os_threads.h"
#include "core/report.h"
#include "core/thread.h"

#define MAX_THREADS 256u
#define MAX_WATCH 64u
#define MAX_DEPS 16u

struct snap {
  uint32_t tid, kind, seq, joining;
  uintptr_t obj;
  const struct syncsan_site *site;
};

struct watch {
  uint32_t tid, seq;
  uintptr_t sem;
  uint64_t since_ms, posts;
  uint8_t strikes, reported;
};

/* The monitor thread's alone (and a forked child's, before it runs). */
static struct watch watches[MAX_WATCH];
static uint32_t nwatches;
static uint64_t timeout_ms;

enum how { RUNS, NEEDS_ALL, DEAD_POSTERS, NEVER_POSTED };

struct tick_state {
  struct snap snaps[MAX_THREADS];
  uint32_t n;
  uint8_t how[MAX_THREADS], stuck[MAX_THREADS];
  uint32_t deps[MAX_THREADS][MAX_DEPS];
  uint8_t ndeps[MAX_THREADS];
};
static struct tick_state ts; /* the monitor thread's: too large for its stack */

static void copy_thread(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct tick_state *st = arg;
  if (st->n == MAX_THREADS) {
    st->n++; /* too many: the tick gives up */
    return;
  }
  if (st->n > MAX_THREADS)
    return;
  struct snap *s = &st->snaps[st->n++];
  s->tid = t->tid;
  s->kind = __atomic_load_n(&t->block_kind, __ATOMIC_ACQUIRE);
  s->seq = __atomic_load_n(&t->block_seq, __ATOMIC_RELAXED);
  s->obj = __atomic_load_n(&t->block_obj, __ATOMIC_RELAXED);
  s->site = t->block_site;
  s->joining = __atomic_load_n(&t->joining, __ATOMIC_ACQUIRE);
}

static int index_of(uint32_t tid) {
  for (uint32_t i = 0; i < ts.n; i++)
    if (ts.snaps[i].tid == tid)
      return (int)i;
  return -1;
}

static int is_sem_wait(const struct snap *s) {
  return s->kind == SS_BLOCK_SEM; /* SS_BLOCK_TIMED set: not this */
}

/* What thread i's wait depends on. */
static void classify(uint32_t i) {
  struct snap *s = &ts.snaps[i];
  ts.ndeps[i] = 0;
  ts.how[i] = RUNS;
  if (s->joining) {
    ts.deps[i][0] = s->joining - 1;
    ts.ndeps[i] = 1;
    ts.how[i] = NEEDS_ALL;
    return;
  }
  if (is_sem_wait(s)) {
    struct ss_sem_info info;
    uint32_t live;
    if (!ss_sem_wait_needs(s->obj, &info, ts.deps[i], MAX_DEPS, &live))
      return;
    ts.ndeps[i] = (uint8_t)live;
    ts.how[i] = live ? NEEDS_ALL : info.nposters ? DEAD_POSTERS : NEVER_POSTED;
    return;
  }
  if (s->kind & SS_BLOCK_TIMED)
    return;
  uint32_t n = ss_thread_waits_for(s->tid, ts.deps[i], MAX_DEPS);
  if (n) {
    ts.ndeps[i] = (uint8_t)n;
    ts.how[i] = NEEDS_ALL;
  }
}

static void fixpoint(void) {
  for (uint32_t i = 0; i < ts.n; i++)
    ts.stuck[i] = ts.how[i] != RUNS;
  for (int changed = 1; changed;) {
    changed = 0;
    for (uint32_t i = 0; i < ts.n; i++) {
      if (!ts.stuck[i] || ts.how[i] != NEEDS_ALL)
        continue;
      for (uint32_t d = 0; d < ts.ndeps[i]; d++) {
        int j = index_of(ts.deps[i][d]);
        if (j < 0 || !ts.stuck[j]) {
          ts.stuck[i] = 0;
          changed = 1;
          break;
        }
      }
    }
  }
}

/* Whether every thread of the process is stuck, known to the registry,
 * and no signal handler of the program's can post (on any of them). */
static int all_stuck(void) {
  for (uint32_t i = 0; i < ts.n; i++)
    if (!ts.stuck[i])
      return 0;
  return ss_os_thread_count() == ts.n + 1 /* + the monitor */ && !ss_program_catches_signals();
}

/* Whether thread j's waits lead to thread `to` through stuck threads: the
 * chain's threads after j (to last) into path, as indices; their count,
 * 0 when they do not. */
static uint32_t chain(uint32_t j, uint32_t to, uint32_t *path, uint32_t max) {
  int16_t parent[MAX_THREADS];
  uint8_t seen[MAX_THREADS] = {0};
  uint32_t queue[MAX_THREADS], head = 0, tail = 0;
  queue[tail++] = j;
  seen[j] = 1;
  parent[j] = -1;
  while (head < tail) {
    uint32_t k = queue[head++];
    for (uint32_t d = 0; d < ts.ndeps[k]; d++) {
      int m = index_of(ts.deps[k][d]);
      if (m < 0 || seen[m] || (!ts.stuck[m] && (uint32_t)m != to))
        continue;
      seen[m] = 1;
      parent[m] = (int16_t)k;
      if ((uint32_t)m == to) {
        uint32_t n = 0;
        for (int x = m; x != (int)j && x >= 0; x = parent[x])
          n++;
        if (n > max)
          return 0;
        uint32_t at = n;
        for (int x = m; x != (int)j && x >= 0; x = parent[x])
          path[--at] = (uint32_t)x;
        return n;
      }
      queue[tail++] = (uint32_t)m;
    }
  }
  return 0;
}

struct where_probe {
  uint32_t tid;
  char *buf;
  size_t n;
};

static void probe_where(struct ss_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct where_probe *p = arg;
  if (t->tid == p->tid)
    ss_thread_where(t, p->buf, p->n);
}

static const char *where_now(uint32_t tid, char *buf, size_t n) {
  /* A wait in code syncsan did not compile has a dynamic site: named by
   * the symbolizer here, outside the registry lock that where runs under. */
  int i = index_of(tid);
  if (i >= 0 && ts.snaps[i].site)
    ss_dynsite_resolve(ts.snaps[i].site);
  struct where_probe p = {tid, buf, n};
  ss_format(buf, n, "has exited");
  ss_threads_foreach(probe_where, &p);
  return buf;
}

static void report(uint32_t wi, const struct watch *w, uint64_t now) {
  const struct snap *s = &ts.snaps[wi];
  struct ss_sem_info info;
  if (!ss_sem_peek(w->sem, &info))
    return;
  struct ss_report *r =
      ss_report_begin("sem-stall", SS_SEV_ERROR, s->site, w->sem, info.id);
  if (!r)
    return;
  char label[200], list[200] = "";
  struct ss_buf b = {list, sizeof(list), 0};
  ss_sem_label(w->sem, &info, label, sizeof(label));
  unsigned long long waited = (unsigned long long)(now - w->since_ms);
  char others[200] = "";
  struct ss_buf ob = {others, sizeof(others), 0};
  for (uint32_t i = 0, k = 0; i < ts.n; i++)
    if (i != wi)
      ss_buf_printf(&ob, "%sT%u", k++ ? ", " : "", ts.snaps[i].tid);
  char rest[260];
  if (others[0])
    ss_format(rest, sizeof(rest), "every other thread (%s) is blocked", others);
  else
    ss_format(rest, sizeof(rest), "no other thread is left");
  if (ts.how[wi] == NEVER_POSTED) {
    ss_report_headline(r,
                       "T%u has waited on %s for %llu ms, no thread has ever posted it, and %s: "
                       "no thread can post it",
                       s->tid, label, waited, rest);
  } else {
    int dead = 0;
    for (uint32_t i = 0; i < info.nposters; i++) {
      ss_buf_printf(&b, "%sT%u", i ? ", " : "", info.posters[i]);
      dead += index_of(info.posters[i]) < 0;
    }
    if (ts.how[wi] == DEAD_POSTERS)
      ss_report_headline(r,
                         "T%u has waited on %s for %llu ms with no post since, every thread "
                         "that ever posted it (%s) has exited, and %s: no thread can post it",
                         s->tid, label, waited, list, rest);
    else
      ss_report_headline(r,
                         "T%u has waited on %s for %llu ms with no post since, and every thread "
                         "that ever posted it (%s) %s: no thread can post it",
                         s->tid, label, waited, list,
                         !dead ? "is blocked" : "has exited or is blocked");
  }
  ss_report_section(r, s->site, "Thread T%u waits on %s (value %llu), at", s->tid, label,
                    (unsigned long long)ss_sem_value(&info));
  char where[512];
  for (uint32_t i = 0; i < info.nposters && i < 8; i++) {
    uint32_t p = info.posters[i];
    int j = index_of(p);
    where_now(p, where, sizeof(where));
    uint32_t path[8], len = 0;
    if (j >= 0 && (uint32_t)j != wi)
      len = chain((uint32_t)j, wi, path, SS_ARRAY_SIZE(path));
    if (len == 1) {
      /* Its own wait is for the waiter: a lock the waiter holds (or its
       * end, for a join). */
      const struct snap *ps = &ts.snaps[j];
      const char *link = ps->joining ? ""
                         : SS_BLOCK_KIND(ps->kind) == SS_BLOCK_NONE ? ", held by"
                                                                    : ", waiting for";
      char whom[16] = "";
      if (link[0])
        ss_format(whom, sizeof(whom), " T%u", s->tid);
      ss_report_section(r, info.post_sites[i],
                        "Thread T%u posted it at the place below; it is now %s%s%s, and T%u "
                        "waits for its post: a deadlock",
                        p, where, link, whom, s->tid);
    } else if (len) {
      char via[128] = "";
      struct ss_buf vb = {via, sizeof(via), 0};
      for (uint32_t k = 0; k < len; k++)
        ss_buf_printf(&vb, " -> T%u", ts.snaps[path[k]].tid);
      ss_report_section(r, info.post_sites[i],
                        "Thread T%u posted it at the place below; it is now %s, and its waits "
                        "lead back (T%u%s) to T%u, which waits for its post: a deadlock",
                        p, where, p, via, s->tid);
    } else if (j >= 0 && (uint32_t)j == wi)
      ss_report_section(r, info.post_sites[i],
                        "Thread T%u (the waiter itself) posted it, at", p);
    else if (j < 0)
      ss_report_section(r, info.post_sites[i], "Thread T%u posted it (it has exited since), at",
                        p);
    else
      ss_report_section(r, info.post_sites[i],
                        "Thread T%u posted it at the place below; it is now %s", p, where);
    ss_report_thread(r, p);
  }
  if (ts.how[wi] == NEVER_POSTED || ts.how[wi] == DEAD_POSTERS)
    for (uint32_t i = 0; i < ts.n && i < 8; i++)
      if (i != wi)
        ss_report_section(r, NULL, "Thread T%u is %s", ts.snaps[i].tid,
                          where_now(ts.snaps[i].tid, where, sizeof(where)));
  if (info.init_site)
    ss_report_section(r, info.init_site, "semaphore S%u was initialised at", info.id);
  ss_report_thread(r, s->tid);
  ss_report_end(r);
  const char *act = ss_sem_flags.sem_stall_action;
  if (act && act[0] == 'a') {
    ss_printf("==%d==syncsan: ending the stalled process (sem_stall_action=abort)\n", ss_pid());
    ss_die();
  }
}

static struct watch *find_watch(struct watch *old, uint32_t nold, const struct snap *s) {
  for (uint32_t i = 0; i < nold; i++)
    if (old[i].tid == s->tid && old[i].seq == s->seq && old[i].sem == s->obj)
      return &old[i];
  return NULL;
}

static void tick(uint64_t now) {
  ts.n = 0;
  ss_threads_foreach(copy_thread, &ts);
  if (ts.n > MAX_THREADS) {
    nwatches = 0;
    return;
  }
  /* The waits being watched, carried over from the last tick by
   * (thread, wait, semaphore). */
  struct watch old[MAX_WATCH];
  uint32_t nold = nwatches;
  for (uint32_t i = 0; i < nold; i++)
    old[i] = watches[i];
  nwatches = 0;
  int due = 0;
  for (uint32_t i = 0; i < ts.n && nwatches < MAX_WATCH; i++) {
    const struct snap *s = &ts.snaps[i];
    if (!is_sem_wait(s))
      continue;
    struct ss_sem_info info;
    if (!ss_sem_peek(s->obj, &info))
      continue;
    struct watch *o = find_watch(old, nold, s), *w = &watches[nwatches++];
    if (o && o->posts == info.posts) {
      *w = *o;
    } else {
      *w = (struct watch){s->tid, s->seq, s->obj, now, info.posts, 0, 0};
      if (o)
        w->reported = o->reported;
    }
    if (!w->reported && now - w->since_ms >= timeout_ms)
      due = 1;
  }
  if (!due)
    return;
  for (uint32_t i = 0; i < ts.n; i++)
    classify(i);
  fixpoint();
  /* A semaphore without a live poster may get one from any running
   * thread: its waiters are stuck only when no thread runs. */
  int everyone = all_stuck();
  int orphans = 0;
  for (uint32_t i = 0; i < ts.n; i++)
    if (ts.how[i] == NEVER_POSTED || ts.how[i] == DEAD_POSTERS) {
      orphans = 1;
      if (!everyone)
        ts.how[i] = RUNS;
    }
  if (orphans && !everyone)
    fixpoint();
  for (uint32_t k = 0; k < nwatches; k++) {
    struct watch *w = &watches[k];
    if (w->reported || now - w->since_ms < timeout_ms)
      continue;
    int i = index_of(w->tid);
    if (i < 0 || !ts.stuck[i]) {
      w->strikes = 0;
      continue;
    }
    if (++w->strikes < 2)
      continue;
    w->reported = 1;
    report((uint32_t)i, w, now);
  }
}

SS_HIDDEN void ss_sem_stall_init(void) {
  timeout_ms = (uint64_t)ss_sem_flags.sem_timeout_ms;
  if (!timeout_ms)
    return;
  ss_monitor_add(tick, (uint32_t)(timeout_ms / 4 ? timeout_ms / 4 : 1));
}

SS_HIDDEN void ss_sem_stall_fork_child(void) { nwatches = 0; }
