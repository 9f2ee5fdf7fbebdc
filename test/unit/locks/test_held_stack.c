/* The per-thread held-lock stack: push, find, out-of-order removal, growth
 * past the inline array, and the bounded overflow (counted in nlost). */
#include "locks/lock_flags.h"
#include "locks/lock_thread.h"
#include "unit.h"

static struct ss_lock_thread *self_with_locks(uint32_t n, uintptr_t base) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  for (uint32_t i = 0; i < n; i++) {
    struct ss_held *e = ss_held_push(t);
    if (!e)
      continue;
    e->site = NULL;
    e->depth = 0;
    e->addr = base + i;
  }
  return t;
}

static void push_find_remove(void) {
  struct ss_lock_thread *t = self_with_locks(3, 0x1000);
  CHECK(t->nheld == 3);
  CHECK(ss_held_find(t, 0x1001) != NULL);
  CHECK(ss_held_find(t, 0x2000) == NULL);
  /* Remove the middle one: order of the others is kept. */
  ss_held_remove(t, ss_held_find(t, 0x1001));
  CHECK(t->nheld == 2);
  CHECK(t->held[0].addr == 0x1000);
  CHECK(t->held[1].addr == 0x1002);
  ss_held_remove(t, ss_held_find(t, 0x1002));
  ss_held_remove(t, ss_held_find(t, 0x1000));
  CHECK(t->nheld == 0);
}

static void grows_past_inline(void) {
  uint32_t n = SS_HELD_INLINE * 3;
  struct ss_lock_thread *t = self_with_locks(n, 0x10000);
  CHECK(t->nheld == n);
  CHECK(t->held != t->held_inline);
  CHECK(ss_held_find(t, 0x10000) != NULL);
  CHECK(ss_held_find(t, 0x10000 + n - 1) != NULL);
  while (t->nheld)
    ss_held_remove(t, &t->held[t->nheld - 1]);
}

static void bounded(void) {
  /* max_held_locks defaults to 1024: the rest are counted, not recorded. */
  struct ss_lock_thread *t = ss_lock_thread_get();
  uint32_t cap = (uint32_t)ss_lock_flags.max_held_locks;
  self_with_locks(cap + 10, 0x100000);
  CHECK(t->nheld == cap);
  CHECK(t->nlost == 10);
  CHECK(t->held_cap == cap);
  CHECK(ss_held_find(t, 0x100000 + cap - 1) != NULL);
  CHECK(ss_held_find(t, 0x100000 + cap) == NULL);
  /* Removing the oldest recorded entry while some are unrecorded leaves
   * only recorded entries in the stack (no empty slot inside it). */
  ss_held_remove(t, ss_held_find(t, 0x100000));
  CHECK(t->nheld == cap - 1);
  CHECK(t->nlost == 10);
  CHECK(t->held[0].addr == 0x100001);
  CHECK(t->held[cap - 2].addr == 0x100000 + cap - 1);
  CHECK(ss_held_find(t, 0) == NULL);
  /* Leave nothing held: these are not real locks. */
  t->nlost = 0;
  while (t->nheld)
    ss_held_remove(t, &t->held[t->nheld - 1]);
}

UNIT_MAIN(UNIT_TEST(push_find_remove), UNIT_TEST(grows_past_inline), UNIT_TEST(bounded))
