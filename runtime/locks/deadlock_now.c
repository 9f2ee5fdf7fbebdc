/* A certain deadlock found the moment it forms: the check a blocking
 * acquire makes once its trylock has found the lock taken, before it
 * blocks (ss_lock_contended, locks.h).
 *
 * Why a chain of published waits proves the deadlock. This thread holds
 * its locks and, while it runs this check, releases none. A thread H that
 * has published an unbounded wait for a lock this thread holds, in a mode
 * that conflicts with ours, cannot get past that acquire until we release
 * it: its wait marker is cleared only after its lock call returns, and the
 * call cannot return holding the lock while we hold it, nor with an error
 * (none applies to a lock another live thread holds). So once H's marker
 * is seen naming such a lock, H is stuck, and its held stack, read after
 * the marker, stays as read. The same then holds for a thread waiting for
 * a lock that H holds, and so on. The walk from this thread's lock to its
 * holder, its holder's awaited lock, and so on, is taken once forwards
 * (optimistic: any of it may be changing) and then verified backwards,
 * from the thread waiting for one of ours towards our own lock's holder:
 * each marker is re-read only after the holder of what it names was shown
 * stuck. A chain that verifies is a deadlock that exists now and cannot
 * end; anything that does not verify is left to the watchdog.
 *
 * Cost: one scan of the live threads per step, under the registry lock,
 * and only here, after a failed trylock: the uncontended acquire never
 * gets here, and a contended one pays in proportion to threads only on
 * the path where it is about to sleep in the kernel anyway. */
#include "deadlock.h"
#include "deadlock_snap.h"
#include "locks.h"

#include "lock_flags.h"
#include "lock_table.h"
#include "core/report.h"

/* Threads in a cycle found at once, the acquiring one included. Longer
 * chains are the watchdog's (a snapshot each costs a frame of stack). */
#define CHAIN_MAX 8

/* The copies the check works on: several kilobytes, too much for the
 * stack of a thread the program gave a small one (PTHREAD_STACK_MIN is
 * 16 KB), so each thread maps its own on its first contended acquisition
 * while holding a lock (the check runs inside the runtime: a signal handler
 * on the same thread never re-enters it). */
struct scratch {
  struct ss_wait_snap chain[CHAIN_MAX];
  struct ss_wait_snap now, probe;
};

struct find {
  uintptr_t addr;  /* holder search: a thread holding addr... */
  uint32_t mode;   /* ...in a mode a wait in `mode` conflicts with */
  uint32_t tid;    /* or, when by_tid, the thread with this tid */
  int by_tid;
  struct ss_wait_snap *out;
  struct ss_wait_snap *probe; /* room to copy a candidate holder */
  int found;
};

static void find_one(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  struct find *q = arg;
  if (q->found || t == &ss_lock_self)
    return;
  if (q->by_tid) {
    if (t->tid == q->tid) {
      ss_wait_snap_take(t, slot, q->out);
      q->found = 1;
    }
    return;
  }
  /* Only a holder that is itself in an unbounded wait can be part of a
   * certain cycle: prefer one (an rwlock may have several readers). The
   * lock table's stripes are never taken under the registry lock, so
   * whether the entry is stale is asked afterwards. */
  struct ss_wait_snap *s = q->probe;
  ss_wait_snap_take(t, slot, s);
  if (!s->waiting_for || s->timed)
    return;
  for (uint32_t k = 0; k < s->nheld; k++)
    if (s->held[k].addr == q->addr &&
        !(s->held[k].mode == SS_MODE_READ && q->mode == SS_MODE_READ)) {
      *q->out = *s;
      q->found = 1;
      return;
    }
}

static int find_thread(struct find *q) {
  q->found = 0;
  ss_lock_threads_foreach(find_one, q);
  return q->found;
}

/* Whether this thread holds addr in a mode that a wait in `mode` conflicts
 * with: its own stack, which only it changes. */
static int self_blocks(struct ss_lock_thread *t, uintptr_t addr, uint32_t mode) {
  for (uint32_t i = 0; i < t->nheld; i++)
    if (t->held[i].addr == addr && !(t->held[i].mode == SS_MODE_READ && mode == SS_MODE_READ) &&
        !ss_lock_stale(addr, t->held[i].lock_gen))
      return 1;
  return 0;
}

SS_HIDDEN void ss_deadlock_now_release(struct ss_lock_thread *t) {
  if (t->dl_scratch)
    ss_unmap(t->dl_scratch, sizeof(struct scratch));
  t->dl_scratch = NULL;
}

SS_HIDDEN int ss_deadlock_now(struct ss_lock_thread *t, const struct ss_lockop *op) {
  if (!t->dl_scratch)
    t->dl_scratch = ss_map(sizeof(struct scratch));
  struct scratch *sc = t->dl_scratch;
  if (!sc)
    return 0; /* no memory: the watchdog still sees the wait */
  struct ss_wait_snap *chain = sc->chain;
  ss_wait_snap_take(t, 0, &chain[0]);
  if (!chain[0].waiting_for || chain[0].timed)
    return 0;
  /* Forwards: chain[i] waits for a lock chain[i + 1] holds. */
  uint32_t n = 1;
  int closed = 0;
  while (!closed && n < CHAIN_MAX) {
    const struct ss_wait_snap *w = &chain[n - 1];
    struct find q = {
        .addr = w->waiting_for, .mode = w->wait_mode, .out = &chain[n], .probe = &sc->probe};
    if (!find_thread(&q) || !ss_wait_snap_blocks(&chain[n], w->waiting_for, w->wait_mode))
      return 0;
    for (uint32_t i = 1; i < n; i++)
      if (chain[i].tid == chain[n].tid)
        return 0; /* a cycle we only wait on: the watchdog's to report */
    closed = self_blocks(t, chain[n].waiting_for, chain[n].wait_mode);
    n++;
  }
  if (!closed)
    return 0;
  /* Backwards: chain[n - 1] waits for one of ours, so re-reading its
   * marker proves it stuck; then each earlier one waits for a lock of a
   * thread proven stuck (whose fresh copy shows it holding that lock). */
  for (uint32_t i = n - 1; i >= 1; i--) {
    struct ss_wait_snap *now = &sc->now;
    struct find q = {.tid = chain[i].tid, .by_tid = 1, .out = now, .probe = &sc->probe};
    if (!find_thread(&q) || now->waiting_for != chain[i].waiting_for || now->timed ||
        now->wait_mode != chain[i].wait_mode)
      return 0;
    chain[i] = *now;
    if (i == n - 1 ? !self_blocks(t, now->waiting_for, now->wait_mode)
                   : !ss_wait_snap_blocks(&chain[i + 1], now->waiting_for, now->wait_mode))
      return 0;
  }
  if (!ss_wait_snap_blocks(&chain[1], chain[0].waiting_for, chain[0].wait_mode))
    return 0;

  const struct ss_wait_snap *cyc[CHAIN_MAX];
  for (uint32_t i = 0; i < n; i++)
    cyc[i] = &chain[i];
  int said = ss_deadlock_report(cyc, n, 0, t->tid + 1);
  if (ss_deadlock_reported() != SS_DEADLOCK_FAIL)
    return 0;
  /* pthread_spin_lock's EDEADLK means "you hold it" only, and a program
   * that spins has no error path for anything else: it is left to spin,
   * as with hang. */
  if (op->kind == SS_KIND_SPIN) {
    if (said)
      ss_printf("==%d==syncsan: deadlock_action=fail does not refuse pthread_spin_lock; "
                "thread T%u is left to spin\n",
                ss_pid(), t->tid);
    return 0;
  }
  if (said)
    ss_printf("==%d==syncsan: deadlock_action=fail: thread T%u's acquisition, which closes the "
              "cycle, returns %s without locking\n",
              ss_pid(), t->tid, op->kind == SS_KIND_MTX ? "thrd_error" : "EDEADLK");
  return 1;
}

SS_HIDDEN SS_COLD int ss_lock_contended(struct ss_lock_thread *t, struct ss_lockop *op) {
  /* The wait the profile times starts here (lock_profile.h). */
  if (SS_UNLIKELY(ss_timing_on))
    op->t0 = ss_now_ns();
  /* An acquire that published no wait (a re-acquisition ss_lock_before
   * let through) has nothing to check; nor has a thread holding nothing
   * (it tried first for the profile only). */
  if (!__atomic_load_n(&t->waiting_for, __ATOMIC_RELAXED) || !t->nheld ||
      !ss_lock_flags.deadlock_at_block)
    return 0;
  ss_enter_runtime();
  /* A frame inside the hook: captures find the site's frame by its line
   * (locks.h). */
  SS_NOTE_HOOK_PC();
  int refuse = ss_deadlock_now(t, op);
  ss_leave_runtime();
  if (!refuse)
    return 0;
  ss_lock_after(t, op, -1);
  return 1;
}
