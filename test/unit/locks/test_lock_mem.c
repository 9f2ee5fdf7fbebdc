/* The lock-address bitmap: which memory holds tracked locks, and
 * forgetting the locks of a range (what free, realloc and munmap do). The
 * addresses are plain numbers: the lock table never reads the objects. */
#include "locks/lock_mem.h"
#include "locks/lock_table.h"
#include "locks/lock_thread.h"
#include "unit.h"

#define BASE ((uintptr_t)0x100000000000ull) /* a 4 GiB nothing else uses */

static int known(uintptr_t a) {
  struct ss_lock l;
  return ss_lock_snapshot(a, &l);
}

static void marks_exact_words(void) {
  uintptr_t a = BASE + 0x1008;
  CHECK(!ss_mem_may_hold_locks(BASE, 1 << 20));
  CHECK(ss_lock_lookup(a, SS_KIND_MUTEX, NULL, NULL) != NULL);
  CHECK(ss_mem_may_hold_locks(a, 4));
  CHECK(ss_mem_may_hold_locks(BASE + 0x1000, 64));
  CHECK(!ss_mem_may_hold_locks(BASE + 0x1000, 8)); /* ends just before it */
  CHECK(!ss_mem_may_hold_locks(a + 4, 60));        /* starts just after it */
  CHECK(ss_mem_may_hold_locks(BASE, 1 << 20));
  /* A destroy (ss_lock_forget) clears the mark. */
  { uint32_t cls; ss_lock_forget(a, &cls); }
  CHECK(!ss_mem_may_hold_locks(BASE, 1 << 20));
}

static void forget_range(void) {
  uintptr_t in1 = BASE + 0x20000, in2 = BASE + 0x20040, out = BASE + 0x20080;
  ss_lock_lookup(in1, SS_KIND_MUTEX, NULL, NULL);
  ss_lock_lookup(in2, SS_KIND_SPIN, NULL, NULL);
  ss_lock_lookup(out, SS_KIND_MUTEX, NULL, NULL);
  ss_mem_forget(in1, 0x80);
  CHECK(!known(in1) && !known(in2));
  CHECK(known(out));
  CHECK(!ss_mem_may_hold_locks(in1, 0x80));
  CHECK(ss_mem_may_hold_locks(out, 4));
  { uint32_t cls; ss_lock_forget(out, &cls); }
}

static void spans_regions(void) {
  /* Locks in several 64 KiB regions and two 4 GiB tables; one range over
   * all of them (and over never-mapped tables between). */
  uintptr_t a[] = {BASE + 0x30000, BASE + 0x4fffc, BASE + 0x50000, BASE + 0x180000000ull,
                   BASE + 0x2000040000ull};
  for (unsigned i = 0; i < 5; i++)
    ss_lock_lookup(a[i], SS_KIND_MUTEX, NULL, NULL);
  CHECK(ss_mem_may_hold_locks(BASE + 0x4fff0, 0x20)); /* crosses a region boundary */
  CHECK(!ss_mem_may_hold_locks(BASE + 0x60000, 0x100000000ull));
  ss_mem_forget(BASE + 0x30000, 0x2000000000ull);
  for (unsigned i = 0; i < 4; i++)
    CHECK(!known(a[i]));
  CHECK(known(a[4])); /* one past the range */
  ss_mem_forget(0, UINTPTR_MAX);
  CHECK(!known(a[4]));
}

static void high_addresses_ignored(void) {
  uintptr_t hi = (uintptr_t)1 << 50;
  ss_lock_lookup(hi, SS_KIND_MUTEX, NULL, NULL);
  CHECK(!ss_mem_may_hold_locks(hi, 64));
  CHECK(known(hi));
  { uint32_t cls; ss_lock_forget(hi, &cls); }
}

static void setup(void) { ss_lock_thread_get(); }

UNIT_MAIN(UNIT_TEST(setup), UNIT_TEST(marks_exact_words), UNIT_TEST(forget_range),
          UNIT_TEST(spans_regions), UNIT_TEST(high_addresses_ignored))
