/* __syncsan_atomic_order_check: a memory order that was a variable at
 * compile time and turned out invalid for its operation;
 * __syncsan_atomic_cmpxchg_order_check: a C compare-exchange whose failure
 * order turned out stronger than its success order.
 *
 * The pass calls this only from the default case of clang's switch over
 * the order (the case every invalid value falls to and that performs the
 * relaxed operation), so the valid orders never get here; the test below
 * is repeated all the same, so that a call from any other code reports
 * only what is really invalid. */
#include "syncsan/abi_atomic.h"

#include "atomic.h"

#include "core/report.h"
#include "core/thread.h"

static int valid_order(int use, int order) {
  switch (use) {
  case SYNCSAN_ORDER_USE_LOAD:
  case SYNCSAN_ORDER_USE_CMPXCHG_FAILURE:
    return order == __ATOMIC_RELAXED || order == __ATOMIC_CONSUME ||
           order == __ATOMIC_ACQUIRE || order == __ATOMIC_SEQ_CST;
  case SYNCSAN_ORDER_USE_STORE:
    return order == __ATOMIC_RELAXED || order == __ATOMIC_RELEASE || order == __ATOMIC_SEQ_CST;
  case SYNCSAN_ORDER_USE_RMW:
  case SYNCSAN_ORDER_USE_CMPXCHG:
    return order >= __ATOMIC_RELAXED && order <= __ATOMIC_SEQ_CST;
  }
  return 1;
}

static const char *const order_names[] = {
    "memory_order_relaxed", "memory_order_consume", "memory_order_acquire",
    "memory_order_release", "memory_order_acq_rel", "memory_order_seq_cst"};

static const char *order_name(int order, char *buf, size_t n) {
  if (order >= __ATOMIC_RELAXED && order <= __ATOMIC_SEQ_CST)
    return order_names[order];
  ss_format(buf, n, "an out-of-range order (%d)", order);
  return buf;
}

static const char *use_noun(int use) {
  switch (use) {
  case SYNCSAN_ORDER_USE_LOAD:
    return "an atomic load";
  case SYNCSAN_ORDER_USE_STORE:
    return "an atomic store";
  case SYNCSAN_ORDER_USE_RMW:
    return "an atomic read-modify-write";
  case SYNCSAN_ORDER_USE_CMPXCHG:
    return "a compare-exchange";
  default:
    return "the failure of a compare-exchange";
  }
}

static const char *valid_list(int use) {
  switch (use) {
  case SYNCSAN_ORDER_USE_LOAD:
    return "relaxed, consume, acquire or seq_cst";
  case SYNCSAN_ORDER_USE_STORE:
    return "relaxed, release or seq_cst";
  case SYNCSAN_ORDER_USE_RMW:
  case SYNCSAN_ORDER_USE_CMPXCHG:
    return "one of memory_order_relaxed ... memory_order_seq_cst";
  default:
    return "relaxed, consume, acquire or seq_cst: a failed compare-exchange only loads";
  }
}

/* The atomic-invalid-order report of a call at site, or NULL. One report
 * per site, as for every check whose report reads the same site
 * (core/report.c): a second invalid order at the site, or an invalid
 * success order and the compare-exchange pair it makes, is the same defect
 * of one call, and after the first report it costs only this lookup. */
static struct ss_report *order_report(const struct syncsan_site *site, struct ss_thread **t) {
  if (ss_atomic_seen_before((uintptr_t)site + 2))
    return NULL;
  ss_ensure_init();
  *t = ss_thread_get();
  return ss_report_begin("atomic-invalid-order", SS_SEV_ERROR, site, (uintptr_t)site, 0);
}

SS_EXPORT SS_COLD void __syncsan_atomic_order_check(int order, int use,
                                                    const struct syncsan_site *site) {
  if (use < SYNCSAN_ORDER_USE_LOAD || use > SYNCSAN_ORDER_USE_CMPXCHG_FAILURE ||
      valid_order(use, order))
    return;
  /* Re-entered inside the runtime (a signal handler): the report lock may
   * be this thread's. The relaxed operation runs all the same. */
  if (ss_in_hook())
    return;
  SS_NOTE_HOOK_PC();
  struct ss_thread *t;
  struct ss_report *r = order_report(site, &t);
  if (!r)
    return;
  char obuf[48];
  ss_report_headline(r, "%s is not a valid order for %s (use %s)",
                     order_name(order, obuf, sizeof obuf), use_noun(use), valid_list(use));
  const char *what = site ? ss_op_name(site->op) : "atomic operation";
  ss_report_section_here(r, site, "%s by thread T%u", what, t->tid);
  ss_report_thread(r, t->tid);
  ss_buf_printf(&r->notes,
                "  The order is a variable, so the compiler could not check it: every "
                "invalid value makes the operation relaxed, with none of the ordering "
                "the caller asked for. Pass a valid order.\n");
  ss_report_end(r);
}

/* C11 7.17.7.4: the failure order shall be no stronger than the success
 * order. consume and acquire both acquire; seq_cst is above all. */
static int failure_stronger(int success, int failure) {
  int success_acquires = success == __ATOMIC_CONSUME || success == __ATOMIC_ACQUIRE ||
                         success == __ATOMIC_ACQ_REL || success == __ATOMIC_SEQ_CST;
  if (failure == __ATOMIC_SEQ_CST)
    return success != __ATOMIC_SEQ_CST;
  if (failure == __ATOMIC_CONSUME || failure == __ATOMIC_ACQUIRE)
    return !success_acquires;
  return 0;
}

SS_EXPORT SS_COLD void __syncsan_atomic_cmpxchg_order_check(int success, int failure,
                                                            const struct syncsan_site *site) {
  if (!failure_stronger(success, failure) || ss_in_hook())
    return;
  SS_NOTE_HOOK_PC();
  struct ss_thread *t;
  struct ss_report *r = order_report(site, &t);
  if (!r)
    return;
  char sbuf[48];
  ss_report_headline(r,
                     "compare-exchange failure order %s is stronger than its success order %s; "
                     "C11 (7.17.7.4) requires the failure order to be no stronger than the "
                     "success order",
                     order_names[failure], order_name(success, sbuf, sizeof sbuf));
  ss_report_section_here(r, site, "atomic compare-exchange by thread T%u", t->tid);
  ss_report_thread(r, t->tid);
  ss_buf_printf(&r->notes,
                "  The orders are variables, so the compiler could not check them. Use a "
                "success order at least as strong as the failure order.\n");
  ss_report_end(r);
}
