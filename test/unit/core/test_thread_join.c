/* The join hooks and the registry behind them: a join names the thread it
 * waits for (its tid, published in the joiner's state while it blocks), a
 * joined thread is no longer found by its pthread_t (glibc may reuse it),
 * and a try-join publishes nothing. */
#include <errno.h>
#include <pthread.h>

#include "syncsan/hooks.h"

#include "core/thread.h"
#include "unit.h"

static const struct syncsan_site site = {"test_thread_join.c", "main", NULL, 1, 1,
                                         SYNCSAN_OP_THREAD_JOIN, 0};
static const struct syncsan_site create_site = {"test_thread_join.c", "main", NULL, 2, 1,
                                                SYNCSAN_OP_THREAD_CREATE, 0};

static struct ss_thread *joiner;
static uint32_t seen_joining, own_tid;

/* Waits (up to ~10 s: a loaded machine) until the joiner blocks in its
 * join, then notes what it published. */
static void *joined(void *arg) {
  (void)arg;
  own_tid = ss_thread_get()->tid;
  for (long i = 0; i < 10 * 1000 * 100; i++) {
    seen_joining = __atomic_load_n(&joiner->joining, __ATOMIC_ACQUIRE);
    if (seen_joining)
      break;
    struct timespec ts = {0, 10 * 1000};
    nanosleep(&ts, NULL);
  }
  return (void *)7;
}

static void a_join_publishes_the_joined_thread(void) {
  joiner = ss_thread_get();
  uint32_t seq = joiner->join_seq;
  pthread_t th;
  CHECK(__syncsan_pthread_create(&th, NULL, joined, NULL, &create_site) == 0);
  uint32_t tid = 0, slot = 0;
  CHECK(ss_thread_find(th, &tid, &slot)); /* registered or not, it is known */
  void *ret = NULL;
  CHECK(__syncsan_pthread_join(th, &ret, &site) == 0);
  CHECK(ret == (void *)7);
  CHECK(tid == own_tid);
  CHECK(seen_joining == own_tid + 1);
  CHECK(joiner->join_seq == seq + 1);
  CHECK(joiner->joining == 0);
  CHECK(!ss_thread_find(th, &tid, &slot)); /* reaped */
}

static void *quick(void *arg) { return arg; }

static void a_try_join_publishes_nothing(void) {
  struct ss_thread *self = ss_thread_get();
  pthread_t th;
  CHECK(__syncsan_pthread_create(&th, NULL, quick, NULL, &create_site) == 0);
  uint32_t seq = self->join_seq;
  int rc;
  while ((rc = __syncsan_pthread_tryjoin_np(th, NULL, &site)) == EBUSY) {
    struct timespec ts = {0, 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  CHECK(rc == 0);
  CHECK(self->join_seq == seq);
  uint32_t tid, slot;
  CHECK(!ss_thread_find(th, &tid, &slot));
}

/* A joinable thread that has exited keeps its slot: found, and joined. */
static void an_exited_thread_is_found(void) {
  pthread_t th;
  CHECK(__syncsan_pthread_create(&th, NULL, quick, NULL, &create_site) == 0);
  uint32_t tid = 0, slot = UINT32_MAX;
  struct ss_thread_info info;
  /* Until it has run and exited. */
  for (int i = 0; i < 10000; i++) {
    if (ss_thread_find(th, &tid, &slot) && slot != UINT32_MAX && ss_thread_info(tid, &info) &&
        !info.live)
      break;
    struct timespec ts = {0, 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  CHECK(ss_thread_find(th, &tid, &slot));
  CHECK(ss_thread_info(tid, &info) && !info.live);
  CHECK(__syncsan_pthread_join(th, NULL, &site) == 0);
  CHECK(!ss_thread_find(th, &tid, &slot));
}

UNIT_MAIN(UNIT_TEST(a_join_publishes_the_joined_thread), UNIT_TEST(a_try_join_publishes_nothing),
          UNIT_TEST(an_exited_thread_is_found))
