/* The stack depot (deduplication, full-depot degradation), stack capture
 * and dynamic sites. */
#include <stdint.h>

#include "core/dynsite.h"
#include "core/flags.h"
#include "core/stack.h"
#include "unit.h"

static uintptr_t hook_ret;

/* Stands for a hook: it captures from its own return address. */
static __attribute__((noinline)) ss_stack_id hook(void) {
  hook_ret = (uintptr_t)__builtin_return_address(0);
  return ss_stack_capture(hook_ret);
}

static __attribute__((noinline)) ss_stack_id user_a(void) {
  ss_stack_id id = hook();
  __asm__ volatile("" ::: "memory"); /* no tail call: user_a's frame stays */
  return id;
}

static __attribute__((noinline)) ss_stack_id user_b(void) {
  ss_stack_id id = hook();
  __asm__ volatile("" ::: "memory");
  return id;
}

static void capture_starts_at_the_caller(void) {
  /* The same stack twice (one call site, a loop): the same id. */
  ss_stack_id ids[2];
  for (volatile int i = 0; i < 2; i++) /* volatile: not unrolled */
    ids[i] = user_a();
  ss_stack_id a = ids[0];
  CHECK(a != 0);
  CHECK(ids[1] == a);
  const uintptr_t *pcs;
  unsigned n = ss_stack_pcs(a, &pcs);
  CHECK(n >= 2);
  CHECK(n <= (unsigned)ss_flags.stack_depth);
  CHECK(pcs[0] == hook_ret);
  /* Another caller: another id. */
  ss_stack_id b = user_b();
  CHECK(b != 0 && b != a);
}

static void depth_option(void) {
  long saved = ss_flags.stack_depth;
  ss_flags.stack_depth = 1;
  ss_stack_id one = user_a();
  const uintptr_t *pcs;
  CHECK(ss_stack_pcs(one, &pcs) == 1);
  CHECK(pcs[0] == hook_ret);
  ss_flags.stack_depth = 0;
  CHECK(user_a() == 0);
  ss_flags.stack_depth = saved;
  CHECK(ss_stack_pcs(0, &pcs) == 0 && pcs == NULL);
}

static void put_deduplicates(void) {
  uintptr_t s1[3] = {0x1000, 0x2000, 0x3000};
  uintptr_t s2[3] = {0x1000, 0x2000, 0x3001};
  ss_stack_id a = ss_stack_put(s1, 3);
  CHECK(a != 0);
  CHECK(ss_stack_put(s1, 3) == a);
  CHECK(ss_stack_put(s1, 2) != a); /* a prefix is another stack */
  CHECK(ss_stack_put(s2, 3) != a);
  CHECK(ss_stack_put(s1, 0) == 0);
  const uintptr_t *pcs;
  CHECK(ss_stack_pcs(a, &pcs) == 3);
  CHECK(pcs[0] == 0x1000 && pcs[2] == 0x3000);
}

/* Runs last: it fills the depot. */
static void full_depot_degrades(void) {
  uintptr_t s[2] = {0x5000, 0};
  ss_stack_id first = ss_stack_put(s, 2);
  CHECK(first != 0);
  unsigned stored = 0;
  for (uintptr_t i = 1; i < (1u << 17); i++) {
    s[1] = i;
    if (!ss_stack_put(s, 2))
      break;
    stored++;
  }
  CHECK(stored > 1000);
  s[1] = 0xdead0000;
  CHECK(ss_stack_put(s, 2) == 0); /* full: no id */
  s[1] = 0;
  CHECK(ss_stack_put(s, 2) == first); /* what is stored stays found */
  const uintptr_t *pcs;
  CHECK(ss_stack_pcs(first, &pcs) == 2 && pcs[0] == 0x5000);
  CHECK(user_a() == 0); /* a capture degrades to no stack */
}

static void dynamic_sites(void) {
  const struct syncsan_site *a = ss_site_for_pc(0x401234, SYNCSAN_OP_MUTEX_LOCK);
  CHECK(a != NULL);
  CHECK(ss_site_for_pc(0x401234, SYNCSAN_OP_MUTEX_LOCK) == a);
  const struct syncsan_site *b = ss_site_for_pc(0x401234, SYNCSAN_OP_MUTEX_UNLOCK);
  CHECK(b != a);
  CHECK(a->flags & SYNCSAN_SITE_DYNAMIC);
  CHECK(a->op == SYNCSAN_OP_MUTEX_LOCK && b->op == SYNCSAN_OP_MUTEX_UNLOCK);
  CHECK_STR(a->file, "<unknown>");
  CHECK_STR(a->function, "??");
  CHECK(a->line == 0);
  CHECK(ss_site_pc(a) == 0x401234);
  static const struct syncsan_site stat = {"f.c", "f", NULL, 1, 1, SYNCSAN_OP_MUTEX_LOCK, 0};
  CHECK(ss_site_pc(&stat) == 0);
}

/* Runs last: it fills the table. */
static void full_dynsite_table_shares_one_per_op(void) {
  const struct syncsan_site *last = NULL;
  uintptr_t pc = 0x700000;
  for (unsigned i = 0; i < (1u << 15); i++, pc += 16) {
    last = ss_site_for_pc(pc, SYNCSAN_OP_MUTEX_LOCK);
    if (ss_site_pc(last) == 0)
      break;
  }
  CHECK(last && ss_site_pc(last) == 0);
  CHECK(last->flags & SYNCSAN_SITE_DYNAMIC);
  CHECK(last->op == SYNCSAN_OP_MUTEX_LOCK);
  CHECK_STR(last->file, "<unknown>");
  CHECK(ss_site_for_pc(pc + 1000, SYNCSAN_OP_MUTEX_LOCK) == last);
  const struct syncsan_site *u = ss_site_for_pc(pc + 1000, SYNCSAN_OP_MUTEX_UNLOCK);
  CHECK(u != last && u->op == SYNCSAN_OP_MUTEX_UNLOCK);
  /* Records made before it filled are still found. */
  CHECK(ss_site_pc(ss_site_for_pc(0x401234, SYNCSAN_OP_MUTEX_LOCK)) == 0x401234);
}

UNIT_MAIN(UNIT_TEST(capture_starts_at_the_caller), UNIT_TEST(depth_option),
          UNIT_TEST(put_deduplicates), UNIT_TEST(dynamic_sites),
          UNIT_TEST(full_depot_degrades), UNIT_TEST(full_dynsite_table_shares_one_per_op))
