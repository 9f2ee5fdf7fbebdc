/* Lock state checks shared by all lock kinds. */
#include "locks.h"

#include "flags.h"
#include "lock_table.h"
#include "report.h"

static void report_double_lock(struct ss_thread *t, const struct ss_lockop *op,
                               const struct ss_held *prev, int hangs) {
  struct ss_report *r =
      ss_report_begin("double-lock", SS_SEV_ERROR, op->site, (uintptr_t)op->site,
                      (uintptr_t)prev->site);
  if (!r)
    return;
  ss_lock_lookup(op->addr, op->kind, op->site, NULL);
  char label[200];
  ss_lock_label(op->addr, op->kind, op->site, label, sizeof(label));
  ss_report_headline(r, "thread T%u acquires %s that it already holds%s", t->tid, label,
                     hangs ? "; the thread would block on itself forever"
                     : op->errorcheck ? " (the call fails with EDEADLK)"
                                      : "");
  ss_report_section(r, op->site, "Second acquisition by thread T%u", t->tid);
  ss_report_section(r, prev->site, "First acquisition by thread T%u, still held", t->tid);
  ss_report_lock_origin(r, op->addr);
  ss_report_thread(r, t->tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_lock_before(struct ss_thread *t, struct ss_lockop *op) {
  op->site = ss_site(op->site);
  struct ss_held *h = ss_held_find(t, op->addr);
  if (SS_LIKELY(!h) || op->recursive)
    return;
  /* Shared acquisition of a lock already held shared is a recursive read:
   * allowed (the rwlock counts readers). */
  if (op->mode == SS_MODE_READ && h->mode == SS_MODE_READ)
    return;
  /* A failed trylock on a held lock is not a bug: it cannot block. */
  if (op->acq == SS_ACQ_TRY)
    return;
  int hangs = op->acq == SS_ACQ_BLOCKING && !op->errorcheck;
  report_double_lock(t, op, h, hangs);
  if (hangs && ss_flags.abort_on_deadlock) {
    ss_printf("==%d==syncsan: ending the process: thread T%u would wait for itself "
              "forever (abort_on_deadlock=0 lets it hang)\n",
              ss_pid(), t->tid);
    ss_die();
  }
}

SS_HIDDEN void ss_lock_after(struct ss_thread *t, const struct ss_lockop *op, int rc) {
  if (rc != 0)
    return;
  if (op->recursive || op->mode == SS_MODE_READ) {
    struct ss_held *h = ss_held_find(t, op->addr);
    if (h && (op->recursive || h->mode == SS_MODE_READ)) {
      h->depth++;
      return;
    }
  }
  struct ss_held *e = ss_held_push(t);
  if (!e)
    return;
  e->site = op->site;
  e->class_id = 0;
  e->kind = op->kind;
  e->mode = op->mode;
  e->depth = 0;
  e->flags = op->acq == SS_ACQ_TRY ? SS_HELD_TRY : 0;
  __atomic_store_n(&e->addr, op->addr, __ATOMIC_RELEASE);
}

SS_HIDDEN void ss_unlock_before(struct ss_thread *t, struct ss_lockop *op) {
  op->site = ss_site(op->site);
  struct ss_held *h = ss_held_find(t, op->addr);
  if (SS_LIKELY(h)) {
    if (h->depth) {
      h->depth--;
      return;
    }
    ss_held_remove(t, h);
    return;
  }
  /* Past max_held_locks the stack is incomplete: stay silent. */
  if (t->nheld > t->held_cap)
    return;
  ss_rule_unlock_unheld(t, op);
}

SS_HIDDEN void ss_lock_created(struct ss_thread *t, struct ss_lockop *op) {
  op->site = ss_site(op->site);
  if (SS_UNLIKELY(ss_held_find(t, op->addr)))
    ss_rule_destroy(t, op, 1);
  /* A re-initialised object is a new lock. */
  ss_lock_forget(op->addr);
  ss_lock_lookup(op->addr, op->kind, op->site, op->site);
}

SS_HIDDEN void ss_lock_destroyed(struct ss_thread *t, struct ss_lockop *op) {
  op->site = ss_site(op->site);
  ss_rule_destroy(t, op, 0);
  ss_lock_forget(op->addr);
}

/* Thread exit: API rules first, then the held stack is dropped. */
static void on_thread_exit(struct ss_thread *t, int process_exit) {
  if (t->nheld)
    ss_rule_thread_exit(t, process_exit);
}

__attribute__((constructor)) static void locks_register_exit(void) {
  ss_on_thread_exit = on_thread_exit;
}
