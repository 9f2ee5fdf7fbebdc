/* The semaphore table: the value the hooks' counts give, the conservative
 * count of blocked waiters, the posters, lives and the thread's cache of
 * live semaphores. Addresses are plain numbers: the table never reads the
 * semaphores. */
#include "barriers/sem_table.h"
#include "core/thread.h"
#include "unit.h"

#define BASE ((uintptr_t)0x100000000000ull)

static struct ss_sem_info peek(uintptr_t s) {
  struct ss_sem_info i;
  memset(&i, 0, sizeof(i));
  CHECK(ss_sem_peek(s, &i));
  return i;
}

static void value_follows_posts_and_waits(void) {
  uintptr_t s = BASE + 0x100;
  struct ss_sem_info prev;
  ss_sem_created(s, 2, 0, SS_SEM_BY_INIT, "s", NULL, &prev);
  CHECK(prev.state == SS_SEM_UNKNOWN);
  CHECK(ss_sem_state(s) == SS_SEM_LIVE);
  ss_sem_post(s, 1, NULL, 1);
  CHECK(ss_sem_value(&(struct ss_sem_info){.initial = 2, .posts = 1}) == 3);
  struct ss_sem_info i = peek(s);
  CHECK(ss_sem_value(&i) == 3);
  ss_sem_waited(s);
  ss_sem_waited(s);
  ss_sem_waited(s);
  i = peek(s);
  CHECK(ss_sem_value(&i) == 0);
  /* A wait that blocks and then takes a unit counts as a wait. */
  struct ss_sem_ticket tk = ss_sem_block_begin(s);
  CHECK(tk.rec != NULL && tk.posts == 1);
  ss_sem_post(s, 1, NULL, 1);
  ss_sem_block_end(tk, s, 1);
  i = peek(s);
  CHECK(ss_sem_value(&i) == 0 && i.waits == 4 && i.posts == 2);
  /* A failed post is taken back. */
  struct ss_sem_rec *r = ss_sem_post(s, 1, NULL, 1);
  ss_sem_post_failed(r, s);
  CHECK(peek(s).posts == 2);
}

static void blocked_waiters_are_counted_conservatively(void) {
  uintptr_t s = BASE + 0x200;
  struct ss_sem_info prev;
  ss_sem_created(s, 0, 0, SS_SEM_BY_INIT, NULL, NULL, &prev);
  struct ss_sem_ticket a = ss_sem_block_begin(s), b = ss_sem_block_begin(s);
  CHECK(peek(s).waiting == 2 && peek(s).blocked == 2);
  /* A post may have woken one of them, which may not have returned yet. */
  ss_sem_post(s, 3, NULL, 1);
  CHECK(peek(s).blocked == 1);
  ss_sem_block_end(a, s, 1);
  CHECK(peek(s).waiting == 1 && peek(s).blocked == 1);
  /* A timed-out waiter takes no unit, and no wake with it. */
  ss_sem_post(s, 3, NULL, 1);
  CHECK(peek(s).blocked == 0);
  ss_sem_block_end(b, s, 0);
  struct ss_sem_info i = peek(s);
  CHECK(i.waiting == 0 && i.blocked == 0 && ss_sem_value(&i) == 1);
}

static void posters_are_kept_once_and_bounded(void) {
  uintptr_t s = BASE + 0x300;
  struct ss_sem_info prev;
  ss_sem_created(s, 0, 0, SS_SEM_BY_INIT, NULL, NULL, &prev);
  for (uint32_t tid = 10; tid < 10 + SS_SEM_MAX_POSTERS + 5; tid++) {
    ss_sem_post(s, tid, NULL, 1);
    ss_sem_post(s, tid, NULL, 1);
  }
  struct ss_sem_info i = peek(s);
  CHECK(i.nposters == SS_SEM_MAX_POSTERS && i.posters_lost);
  CHECK(i.posters[0] == 10 && i.posters[1] == 11);
  CHECK(i.posts == 2 * (SS_SEM_MAX_POSTERS + 5));
}

static void lives_and_the_cache(void) {
  uintptr_t s = BASE + 0x400;
  struct ss_sem_info prev;
  CHECK(ss_sem_state(s) == SS_SEM_UNKNOWN);
  ss_sem_created(s, 0, 0, SS_SEM_BY_INIT, NULL, NULL, &prev);
  uint32_t first = peek(s).id;
  CHECK(ss_sem_state(s) == SS_SEM_LIVE); /* now cached */
  ss_sem_ended(s, 0, NULL, &prev);
  CHECK(prev.state == SS_SEM_LIVE && prev.id == first);
  /* The destroy invalidates every thread's cached answer. */
  CHECK(ss_sem_state(s) == SS_SEM_DESTROYED);
  struct ss_sem_ticket old = ss_sem_block_begin(s);
  ss_sem_created(s, 5, 0, SS_SEM_BY_INIT, NULL, NULL, &prev);
  CHECK(prev.state == SS_SEM_DESTROYED && prev.blocked == 1);
  struct ss_sem_info i = peek(s);
  CHECK(i.id != first && i.initial == 5 && i.state == SS_SEM_LIVE);
  /* A wait that began in the earlier life takes nothing from this one. */
  ss_sem_block_end(old, s, 1);
  i = peek(s);
  CHECK(i.waits == 0 && i.waiting == 0);
}

static void named_semaphores_close_at_the_last_close(void) {
  uintptr_t s = BASE + 0x500;
  struct ss_sem_info prev;
  ss_sem_created(s, 1, 1, SS_SEM_BY_OPEN, NULL, NULL, &prev);
  uint32_t id = peek(s).id;
  ss_sem_created(s, 1, 1, SS_SEM_BY_OPEN, NULL, NULL, &prev); /* the same mapping again */
  CHECK(prev.state == SS_SEM_UNKNOWN && peek(s).id == id);
  ss_sem_ended(s, 1, NULL, &prev);
  CHECK(ss_sem_state(s) == SS_SEM_LIVE);
  ss_sem_ended(s, 1, NULL, &prev);
  CHECK(ss_sem_state(s) == SS_SEM_CLOSED);
  CHECK(peek(s).shared);
}

static void adopted_semaphores(void) {
  uintptr_t s = BASE + 0x600;
  ss_sem_adopt(s, 3, 1);
  struct ss_sem_info i = peek(s);
  CHECK(i.state == SS_SEM_LIVE && i.origin == SS_SEM_ADOPTED && i.shared && i.initial == 3);
  CHECK(i.init_site == NULL);
  /* Adopting a live one changes nothing. */
  ss_sem_post(s, 1, NULL, 1);
  ss_sem_adopt(s, 0, 0);
  CHECK(peek(s).posts == 1 && peek(s).id == i.id);
}

static void setup(void) { ss_thread_get(); }

UNIT_MAIN(UNIT_TEST(setup), UNIT_TEST(value_follows_posts_and_waits),
          UNIT_TEST(blocked_waiters_are_counted_conservatively),
          UNIT_TEST(posters_are_kept_once_and_bounded), UNIT_TEST(lives_and_the_cache),
          UNIT_TEST(named_semaphores_close_at_the_last_close), UNIT_TEST(adopted_semaphores))
