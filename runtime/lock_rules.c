/* Lock API rules: misuse reports that need more than the thread's own
 * state. Called from locks.c only off the fast path. */
#include "flags.h"
#include "lock_table.h"
#include "locks.h"
#include "report.h"

SS_HIDDEN void ss_rule_unlock_unheld(struct ss_thread *t, const struct ss_lockop *op) {
  struct ss_report *r = ss_report_begin("unlock-not-held", SS_SEV_ERROR, op->site,
                                        (uintptr_t)op->site, op->addr);
  if (!r)
    return;
  ss_lock_lookup(op->addr, op->kind, op->site, NULL);
  char label[200];
  ss_lock_label(op->addr, op->kind, op->site, label, sizeof(label));
  ss_report_headline(r, "thread T%u releases %s that it does not hold", t->tid, label);
  ss_report_section(r, op->site, "Release by thread T%u", t->tid);
  ss_report_lock_origin(r, op->addr);
  ss_report_thread(r, t->tid);
  ss_report_end(r);
}

SS_HIDDEN void ss_rule_destroy(struct ss_thread *t, const struct ss_lockop *op, int reinit) {
  (void)t;
  (void)op;
  (void)reinit;
}

SS_HIDDEN void ss_rule_thread_exit(struct ss_thread *t, int process_exit) {
  (void)t;
  (void)process_exit;
}
