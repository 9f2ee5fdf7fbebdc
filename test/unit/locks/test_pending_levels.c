/* Levels set on addresses that are no lock yet: kept until taken, cleared
 * by level 0, replaced by a second set, and bounded. */
#include "locks/lock_pending.h"
#include "unit.h"

static void set_take(void) {
  int32_t level = 0;
  uint32_t ordered = 9;
  CHECK(!ss_pending_level_take(0x1000, &level, &ordered));
  CHECK(ss_pending_level_set(0x1000, 20, 1));
  CHECK(ss_pending_level_take(0x1000, &level, &ordered));
  CHECK(level == 20 && ordered == 1);
  /* Taken means forgotten. */
  CHECK(!ss_pending_level_take(0x1000, &level, &ordered));
}

static void replace_and_clear(void) {
  int32_t level = 0;
  uint32_t ordered = 0;
  CHECK(ss_pending_level_set(0x2000, 5, 0));
  CHECK(ss_pending_level_set(0x2000, 6, 1));
  CHECK(ss_pending_level_take(0x2000, &level, &ordered));
  CHECK(level == 6 && ordered == 1);
  CHECK(ss_pending_level_set(0x3000, 5, 0));
  CHECK(ss_pending_level_set(0x3000, 0, 0));
  CHECK(!ss_pending_level_take(0x3000, &level, &ordered));
  /* Clearing an address with nothing kept is fine. */
  CHECK(ss_pending_level_set(0x4000, 0, 0));
}

static void bounded(void) {
  /* The table holds 65536 levels; past that, a set fails (warned once),
   * and freed entries are reused. */
  uintptr_t base = 0x10000000;
  uint32_t ok = 0;
  for (uint32_t i = 0; i < 70000; i++)
    ok += (uint32_t)ss_pending_level_set(base + 8 * i, 1, 0);
  CHECK(ok == 65536);
  int32_t level;
  uint32_t ordered;
  CHECK(ss_pending_level_take(base, &level, &ordered));
  CHECK(ss_pending_level_set(base + 8 * 69999, 3, 0));
  for (uint32_t i = 0; i < 70000; i++)
    ss_pending_level_set(base + 8 * i, 0, 0);
  CHECK(!ss_pending_level_take(base + 8 * 69999, &level, &ordered));
}

UNIT_MAIN(UNIT_TEST(set_take), UNIT_TEST(replace_and_clear), UNIT_TEST(bounded))
