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
  struct ss_cond_info other, prev, gone;
  CHECK(!ss_cond_created(cv, &site, &prev));
  struct ss_cond_ticket a, b, c;
  CHECK(!ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 1, &a, &other));
  CHECK(!ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 2, &b, &other));
  CHECK(blocked(cv) == 2);
  ss_cond_wake(cv, 0, &gone);
  CHECK(blocked(cv) == 1);
  /* A waiter of an older generation is not counted after a broadcast. */
  ss_cond_wake(cv, 1, &gone);
  CHECK(blocked(cv) == 0);
  CHECK(!ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 3, &c, &other));
  CHECK(blocked(cv) == 1);
  ss_cond_wait_end(cv, &a);
  ss_cond_wait_end(cv, &b);
  CHECK(blocked(cv) == 1);
  /* More signals than waiters wake nobody extra. */
  ss_cond_wake(cv, 0, &gone);
  ss_cond_wake(cv, 0, &gone);
  CHECK(blocked(cv) == 0);
  ss_cond_wait_end(cv, &c);
  CHECK(ss_cond_destroyed(cv, &site, &prev));
  CHECK(prev.waiting == 0 && prev.blocked == 0);
}

static void timeout_never_overcounts(void) {
  uintptr_t cv = 0x11000, mu = 0x21000;
  struct ss_cond_info other, prev, gone;
  struct ss_cond_ticket a, b;
  ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 1, &a, &other);
  ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 2, &b, &other);
  ss_cond_wake(cv, 0, &gone);
  /* Either waiter may have taken the signal; one leaves (a timeout or the
   * signalled one): at most one can still be blocked. */
  ss_cond_wait_end(cv, &a);
  CHECK(blocked(cv) <= 1);
  ss_cond_wait_end(cv, &b);
  CHECK(blocked(cv) == 0);
  CHECK(ss_cond_destroyed(cv, &site, &prev));
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
  CHECK(ss_cond_destroyed(cv, &site, &prev));
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
  CHECK(ss_cond_destroyed(cv, &site, &prev));
  CHECK(!ss_cond_destroyed(cv, &site, &prev));
  /* A statically initialised condvar is first seen in use. */
  struct ss_cond_info ci;
  CHECK(ss_cond_info(cv, &site, &ci));
  CHECK(ci.init_site == NULL && ci.name != NULL);
  ss_cond_destroyed(cv, &site, &prev);
}

/* A destroyed condvar is known as such until it is initialised again; a
 * wait makes it live (and is reported by its hook first); a static
 * re-initialisation is forgotten on the hook's word. */
static void destroyed_until_init(void) {
  static const struct syncsan_site dsite = {"t.c", "f", "g_cv", 9, 1, SYNCSAN_OP_COND_WAIT, 0};
  uintptr_t cv = 0x14000, cv2 = 0x15000, mu = 0x25000;
  struct ss_cond_info prev, gone, other;
  CHECK(!ss_cond_created(cv, &site, &prev));
  CHECK(!ss_cond_gone(cv, &gone));
  CHECK(ss_cond_destroyed(cv, &dsite, &prev));
  CHECK(ss_cond_gone(cv, &gone));
  CHECK(gone.id == prev.id && gone.destroy_site == &dsite && gone.init_site == &site);
  CHECK(ss_cond_wake(cv, 0, &gone) && gone.destroy_site == &dsite);
  CHECK(ss_cond_wake(cv, 1, &gone));
  /* Initialised again: a new condvar, and nothing destroyed about it. */
  ss_cond_created(cv, &site, &prev);
  CHECK(!ss_cond_gone(cv, &gone));
  CHECK(!ss_cond_wake(cv, 0, &gone));
  CHECK(ss_cond_destroyed(cv, &dsite, &prev));
  /* A wait (reported by its hook) records the condvar as live again. */
  struct ss_cond_ticket a;
  ss_cond_wait_begin(cv, mu, SS_KIND_MUTEX, &site, 1, &a, &other);
  CHECK(!ss_cond_gone(cv, &gone));
  ss_cond_wait_end(cv, &a);
  ss_cond_destroyed(cv, &dsite, &prev);
  /* Never seen before its destroy: it gets an id and the destroy's name. */
  CHECK(!ss_cond_destroyed(cv2, &dsite, &prev));
  CHECK(ss_cond_gone(cv2, &gone) && gone.id != 0 && gone.init_site == NULL);
  ss_cond_forget_gone(cv2);
  CHECK(!ss_cond_gone(cv2, &gone));
  CHECK(!ss_cond_wake(cv2, 0, &gone));
}

UNIT_MAIN(UNIT_TEST(signals_and_broadcasts), UNIT_TEST(timeout_never_overcounts),
          UNIT_TEST(mutex_binding), UNIT_TEST(incarnations), UNIT_TEST(destroyed_until_init))
