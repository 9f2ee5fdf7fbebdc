/* The condvar state table: the conservative count of blocked waiters
 * (signals, broadcasts, timeouts), the mutex binding that the mismatch
 * check uses, and incarnations across destroy and re-init. */
#include "locks/cond_table.h"
#include "locks/lock_thread.h"
#include "unit.h"

static const struct syncsan_site site = {"t.c", "f", "g_cv", 1, 1, SYNCSAN_OP_COND_WAIT, 0};

static uint32_t blocked(uintptr_t cv) {
  struct ss_cond_info ci;
  CHECK(ss_cond_info(cv, &site, &ci));
  return ci.blocked;
}

static void signals_and_broadcasts(void) {
  uintptr_t cv = 0x10000, mu = 0x20000;
  struct ss_cond_info other, prev;
  CHECK(!ss_cond_created(cv, &site, &prev));
  struct ss_cond_ticket a, b, c;
  CHECK(!ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 1, &a, &other));
  CHECK(!ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 2, &b, &other));
  CHECK(blocked(cv) == 2);
  ss_cond_wake(cv, 0);
  CHECK(blocked(cv) == 1);
  /* A waiter of an older generation is not counted after a broadcast. */
  ss_cond_wake(cv, 1);
  CHECK(blocked(cv) == 0);
  CHECK(!ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 3, &c, &other));
  CHECK(blocked(cv) == 1);
  ss_cond_wait_end(cv, &a);
  ss_cond_wait_end(cv, &b);
  CHECK(blocked(cv) == 1);
  /* More signals than waiters wake nobody extra. */
  ss_cond_wake(cv, 0);
  ss_cond_wake(cv, 0);
  CHECK(blocked(cv) == 0);
  ss_cond_wait_end(cv, &c);
  CHECK(ss_cond_destroyed(cv, &prev));
  CHECK(prev.waiting == 0 && prev.blocked == 0);
}

static void timeout_never_overcounts(void) {
  uintptr_t cv = 0x11000, mu = 0x21000;
  struct ss_cond_info other, prev;
  struct ss_cond_ticket a, b;
  ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 1, &a, &other);
  ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 2, &b, &other);
  ss_cond_wake(cv, 0);
  /* Either waiter may have taken the signal; one leaves (a timeout or the
   * signalled one): at most one can still be blocked. */
  ss_cond_wait_end(cv, &a);
  CHECK(blocked(cv) <= 1);
  ss_cond_wait_end(cv, &b);
  CHECK(blocked(cv) == 0);
  CHECK(ss_cond_destroyed(cv, &prev));
}

static void mutex_binding(void) {
  uintptr_t cv = 0x12000, m1 = 0x22000, m2 = 0x23000;
  struct ss_cond_info other, prev;
  struct ss_cond_ticket a, b, c;
  CHECK(!ss_cond_wait_begin(cv, m1, SS_KIND_MUTEX, &site, 1, &a, &other));
  CHECK(ss_cond_wait_begin(cv, m2, SS_KIND_MUTEX, &site, 2, &b, &other));
  CHECK(other.mutex == m1 && other.mutex_tid == 1 && other.waiting == 1 &&
        other.mutex_waiters == 1);
  /* The first waiter leaves: the binding ends, the mismatched waiter
   * stays, and a waiter with its mutex binds anew without being counted
   * twice when the mismatched one leaves. */
  ss_cond_wait_end(cv, &a);
  struct ss_cond_ticket d;
  CHECK(!ss_cond_wait_begin(cv, m2, SS_KIND_MUTEX, &site, 4, &d, &other));
  ss_cond_wait_end(cv, &b);
  CHECK(ss_cond_wait_begin(cv, m1, SS_KIND_MUTEX, &site, 5, &a, &other));
  CHECK(other.mutex == m2);
  ss_cond_wait_end(cv, &a);
  ss_cond_wait_end(cv, &d);
  /* No waiter left: another mutex may bind it now. */
  CHECK(!ss_cond_wait_begin(cv, m2, SS_KIND_MUTEX, &site, 3, &c, &other));
  ss_cond_wait_end(cv, &c);
  CHECK(ss_cond_destroyed(cv, &prev));
}

static void incarnations(void) {
  uintptr_t cv = 0x13000, mu = 0x24000;
  struct ss_cond_info other, prev;
  struct ss_cond_ticket a;
  ss_cond_created(cv, &site, &prev);
  ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 1, &a, &other);
  /* Re-initialised under a waiter: the old state is reported... */
  CHECK(ss_cond_created(cv, &site, &prev));
  CHECK(prev.blocked == 1 && prev.mutex == mu);
  /* ...and the old waiter's ticket no longer touches the new one. */
  struct ss_cond_ticket b;
  ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 2, &b, &other);
  ss_cond_wait_end(cv, &a);
  CHECK(blocked(cv) == 1);
  ss_cond_wait_end(cv, &b);
  CHECK(ss_cond_destroyed(cv, &prev));
  CHECK(!ss_cond_destroyed(cv, &prev));
  /* A statically initialised condvar is first seen in use. */
  struct ss_cond_info ci;
  CHECK(ss_cond_info(cv, &site, &ci));
  CHECK(ci.init_site == NULL && ci.name != NULL);
  ss_cond_destroyed(cv, &prev);
}

UNIT_MAIN(UNIT_TEST(signals_and_broadcasts), UNIT_TEST(timeout_never_overcounts),
          UNIT_TEST(mutex_binding), UNIT_TEST(incarnations))
