/* The table of real functions, without interposers (this program links the
 * runtime alone): each entry is the C library's function itself. And thread
 * names given by pthread_t: a thread named before it registered takes the
 * name when it does; a name left for a thread that never registered does
 * not go to a later thread given the same pthread_t. */
#include <pthread.h>
#include <threads.h>

#include "syncsan/hooks.h"

#include "core/real.h"
#include "core/thread.h"
#include "unit.h"

static void entries_are_the_library_functions(void) {
  CHECK(SS_REAL(pthread_mutex_lock) == pthread_mutex_lock);
  CHECK(SS_REAL(pthread_cond_wait) == pthread_cond_wait);
  CHECK(SS_REAL(mtx_lock) == mtx_lock);
  CHECK(SS_REAL(thrd_create) == thrd_create);
  CHECK(SS_REAL(pthread_setname_np) == pthread_setname_np);
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  CHECK(SS_REAL(pthread_mutex_lock)(&m) == 0);
  CHECK(SS_REAL(pthread_mutex_trylock)(&m) != 0);
  CHECK(SS_REAL(pthread_mutex_unlock)(&m) == 0);
}

static int go;
static uint32_t seen_tid;

/* A thread the runtime did not see created: it registers at its first
 * hook (here: ss_thread_get), once told to. */
static void *late(void *arg) {
  while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
    sched_yield();
  seen_tid = ss_thread_get()->tid;
  return arg;
}

static void name_waits_for_registration(void) {
  pthread_t th;
  go = 0;
  CHECK(SS_REAL(pthread_create)(&th, NULL, late, NULL) == 0);
  ss_thread_named(th, "named-early");
  __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
  pthread_join(th, NULL);
  struct ss_thread_info ti;
  CHECK(ss_thread_info(seen_tid, &ti));
  CHECK_STR(ti.name, "named-early");
}

static void *quiet(void *arg) { return arg; }

static void *check_own_name(void *arg) {
  struct ss_thread_info ti;
  CHECK(ss_thread_info(ss_thread_get()->tid, &ti));
  CHECK_STR(ti.name, "");
  return arg;
}

static void stale_name_is_dropped(void) {
  static const struct syncsan_site site = {"test.c", "test", NULL, 1, 1,
                                           SYNCSAN_OP_THREAD_CREATE, 0};
  /* Named, then gone without ever registering. */
  pthread_t th;
  CHECK(SS_REAL(pthread_create)(&th, NULL, quiet, NULL) == 0);
  pthread_join(th, NULL);
  ss_thread_named(th, "stale");
  /* glibc reuses the thread's descriptor (its pthread_t) for the next
   * thread; whether or not it does here, the new thread has no name. */
  pthread_t again;
  CHECK(__syncsan_pthread_create(&again, NULL, check_own_name, NULL, &site) == 0);
  pthread_join(again, NULL);
}

UNIT_MAIN(UNIT_TEST(entries_are_the_library_functions),
          UNIT_TEST(name_waits_for_registration), UNIT_TEST(stale_name_is_dropped))
