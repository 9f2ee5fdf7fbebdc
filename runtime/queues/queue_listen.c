/* Stall listeners (syncsan_queue_on_stall in <syncsan/syncsan.h>). The
 * table only grows, so the stalled thread or the monitor reads it without
 * a lock: an entry is filled before the count that publishes it. */
#include "core/thread.h"
#include "queue_call.h"
#include "queue_stall.h"

#define MAX_LISTENERS 8

static struct {
  syncsan_queue_stall_fn fn;
  void *arg;
} listeners[MAX_LISTENERS];
static ss_spin_t listen_lock SS_RUNTIME_LOCK;

SS_EXPORT int syncsan_queue_on_stall(syncsan_queue_stall_fn fn, void *arg) {
  if (!fn)
    return -1;
  ss_thread_get();
  ss_spin_lock(&listen_lock);
  uint32_t n = ss_queue_nlisteners;
  int rc = -1;
  if (n < MAX_LISTENERS) {
    listeners[n].fn = fn;
    listeners[n].arg = arg;
    __atomic_store_n(&ss_queue_nlisteners, n + 1, __ATOMIC_RELEASE);
    rc = 0;
  }
  ss_spin_unlock(&listen_lock);
  return rc;
}

/* The listener runs as part of the runtime: operations it makes (it may
 * log, or signal another thread) are not checked, and cannot re-enter the
 * stall that is being decided. */
SS_HIDDEN int ss_queue_ask_listeners(const struct syncsan_queue_stall *st, int *answered) {
  uint32_t n = __atomic_load_n(&ss_queue_nlisteners, __ATOMIC_ACQUIRE);
  *answered = 0;
  for (uint32_t i = 0; i < n; i++) {
    ss_enter_runtime();
    int a = listeners[i].fn(st, listeners[i].arg);
    ss_leave_runtime();
    if (a == SYNCSAN_QUEUE_FAIL || a == SYNCSAN_QUEUE_ABORT || a == SYNCSAN_QUEUE_WAIT) {
      *answered = 1;
      return a;
    }
  }
  return SYNCSAN_QUEUE_REPORT;
}
