/* Happens-before through joins: a joined thread is known to be finished,
 * transitively through the threads it joined, a thread not joined is not
 * (running or exited), and past SS_JOINED_MAX a joined thread is simply
 * not known (the conservative side). */
#include <pthread.h>

#include "syncsan/hooks.h"

#include "core/happens_before.h"
#include "core/thread.h"
#include "unit.h"

static const struct syncsan_site site = {"test_happens_before.c", "main", NULL, 1, 1,
                                         SYNCSAN_OP_THREAD_JOIN, 0};

static void *note_tid(void *out) {
  *(uint32_t *)out = ss_thread_get()->tid;
  return NULL;
}

struct chain {
  uint32_t own, inner;
};

/* Joins a thread of its own before it exits. */
static void *joins_one(void *arg) {
  struct chain *c = arg;
  c->own = ss_thread_get()->tid;
  pthread_t t;
  __syncsan_pthread_create(&t, NULL, note_tid, &c->inner, &site);
  __syncsan_pthread_join(t, NULL, &site);
  return NULL;
}

static void joins_are_transitive(void) {
  struct chain c = {0, 0};
  pthread_t t;
  CHECK(__syncsan_pthread_create(&t, NULL, joins_one, &c, &site) == 0);
  CHECK(__syncsan_pthread_join(t, NULL, &site) == 0);
  CHECK(ss_hb_any());
  CHECK(ss_hb_finished_before(c.own));
  CHECK(ss_hb_finished_before(c.inner));
  CHECK(!ss_hb_finished_before(ss_thread_get()->tid));
}

static void *park(void *arg) {
  note_tid(arg);
  return NULL;
}

static void unjoined_threads_are_not_finished(void) {
  uint32_t tid = UINT32_MAX;
  pthread_t t;
  CHECK(__syncsan_pthread_create(&t, NULL, park, &tid, &site) == 0);
  /* Exited, but not joined: a detached thread's end orders nothing. */
  struct timespec ms = {0, 1000 * 1000};
  while (__atomic_load_n(&tid, __ATOMIC_ACQUIRE) == UINT32_MAX)
    nanosleep(&ms, NULL);
  CHECK(!ss_hb_finished_before(tid));
  pthread_detach(t);
}

static void the_bound_loses_only_the_newest(void) {
  uint32_t tids[SS_JOINED_MAX + 4];
  for (int i = 0; i < SS_JOINED_MAX + 4; i++) {
    pthread_t t;
    CHECK(__syncsan_pthread_create(&t, NULL, note_tid, &tids[i], &site) == 0);
    CHECK(__syncsan_pthread_join(t, NULL, &site) == 0);
  }
  /* Two were joined by the first test already. */
  int known = 0;
  for (int i = 0; i < SS_JOINED_MAX + 4; i++)
    known += ss_hb_finished_before(tids[i]);
  CHECK(known == SS_JOINED_MAX - 2);
  CHECK(ss_hb_finished_before(tids[0]));
  CHECK(!ss_hb_finished_before(tids[SS_JOINED_MAX + 3]));
}

UNIT_MAIN(UNIT_TEST(joins_are_transitive), UNIT_TEST(unjoined_threads_are_not_finished),
          UNIT_TEST(the_bound_loses_only_the_newest))
