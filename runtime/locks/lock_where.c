/* The lock family's parts of ss_thread_where and ss_thread_waits_for
 * (core/thread.h): a thread blocked acquiring a lock or waiting on a
 * condvar, and the holders of the lock it waits for. They read only what
 * the owners publish with atomic stores (deadlock.h, lock_thread.h). */
#include "deadlock.h"
#include "lock_table.h"
#include "lock_thread.h"
#include "locks_family.h"
#include "core/report.h"

SS_HIDDEN int ss_locks_thread_where(struct ss_thread *t, char *buf, size_t n) {
  struct ss_lock_thread *lt = ss_lock_thread_of(t);
  if (!lt)
    return 0;
  char loc[256];
  uintptr_t wf = __atomic_load_n(&lt->waiting_for, __ATOMIC_ACQUIRE);
  if (wf) {
    const struct syncsan_site *site = lt->wait_site;
    ss_format(buf, n, "blocked acquiring %s %p%s at %s", ss_lock_kind_name((int)ss_lock_op_kind(site ? site->op : 0)),
              (void *)(wf & ~SS_WAIT_FLAGS), (wf & SS_WAIT_READ) ? " (read)" : "",
              ss_site_loc(site, loc, sizeof(loc)));
    return 1;
  }
  uintptr_t cw = __atomic_load_n(&lt->cond_wait, __ATOMIC_ACQUIRE);
  if (cw) {
    ss_format(buf, n, "blocked waiting on condvar %p%s at %s", (void *)(cw & ~SS_WAIT_FLAGS),
              (cw & SS_WAIT_TIMED) ? " (with a timeout)" : "",
              ss_site_loc(lt->cond_site, loc, sizeof(loc)));
    return 1;
  }
  return 0;
}

struct wait_probe {
  uint32_t tid;
  uintptr_t lock; /* what tid waits for, with SS_WAIT_* flags; 0 none */
  uint32_t *out, max, n;
};

static void probe_waiter(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct wait_probe *p = arg;
  if (t->tid == p->tid)
    p->lock = __atomic_load_n(&t->waiting_for, __ATOMIC_ACQUIRE);
}

/* A holder in a mode that conflicts with the wait's: two readers do not. */
static void probe_holder(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct wait_probe *p = arg;
  if (t->tid == p->tid || p->n == p->max)
    return;
  uintptr_t addr = p->lock & ~SS_WAIT_FLAGS;
  int read = (p->lock & SS_WAIT_READ) != 0;
  struct ss_held *h;
  uint32_t n = ss_held_peek(t, &h);
  for (uint32_t i = 0; i < n; i++) {
    if (__atomic_load_n(&h[i].addr, __ATOMIC_RELAXED) != addr)
      continue;
    if (!(read && h[i].mode == SS_MODE_READ))
      p->out[p->n++] = t->tid;
    return;
  }
}

SS_HIDDEN uint32_t ss_locks_waits_for(uint32_t tid, uint32_t *out, uint32_t max) {
  struct wait_probe p = {tid, 0, out, max, 0};
  ss_lock_threads_foreach(probe_waiter, &p);
  if (!p.lock)
    return 0;
  ss_lock_threads_foreach(probe_holder, &p);
  return p.n;
}

/* For another family's report (a barrier waiter holding the lock that a
 * missing participant waits for): the lock thread `waiter` is blocked
 * acquiring, when `holder` holds it, with where each of them is. */
struct detail_probe {
  uint32_t waiter, holder;
  uintptr_t lock; /* with SS_WAIT_* flags */
  const struct syncsan_site *wait_site, *held_site;
};

static void probe_detail_waiter(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct detail_probe *p = arg;
  if (t->tid != p->waiter)
    return;
  p->lock = __atomic_load_n(&t->waiting_for, __ATOMIC_ACQUIRE);
  p->wait_site = t->wait_site;
}

static void probe_detail_holder(struct ss_lock_thread *t, uint32_t slot, void *arg) {
  (void)slot;
  struct detail_probe *p = arg;
  if (t->tid != p->holder)
    return;
  uintptr_t addr = p->lock & ~SS_WAIT_FLAGS;
  uint32_t n = __atomic_load_n(&t->nheld, __ATOMIC_ACQUIRE);
  struct ss_held *h = __atomic_load_n(&t->held, __ATOMIC_ACQUIRE);
  uint32_t cap = __atomic_load_n(&t->held_cap, __ATOMIC_ACQUIRE);
  if (n > cap)
    n = cap;
  for (uint32_t i = 0; i < n; i++)
    if (__atomic_load_n(&h[i].addr, __ATOMIC_RELAXED) == addr) {
      p->held_site = h[i].site;
      return;
    }
}

SS_HIDDEN int ss_locks_wait_detail(uint32_t waiter, uint32_t holder, char *label, size_t n,
                                   const struct syncsan_site **wait_site,
                                   const struct syncsan_site **held_site) {
  struct detail_probe p = {waiter, holder, 0, NULL, NULL};
  ss_lock_threads_foreach(probe_detail_waiter, &p);
  if (!p.lock)
    return 0;
  ss_lock_threads_foreach(probe_detail_holder, &p);
  if (!p.held_site)
    return 0;
  uintptr_t addr = p.lock & ~SS_WAIT_FLAGS;
  int kind = (int)ss_lock_op_kind(p.wait_site ? p.wait_site->op : 0);
  ss_lock_lookup(addr, kind, p.held_site, NULL);
  ss_lock_label(addr, kind, NULL, label, n);
  *wait_site = p.wait_site;
  *held_site = p.held_site;
  return 1;
}
