/* The lock family's part of ss_thread_where (core/thread.h): a thread
 * blocked acquiring a lock or waiting on a condvar. It reads only what the
 * owner publishes with atomic stores (deadlock.h, lock_thread.h) and takes
 * no table lock: the caller holds the registry lock. */
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
