/* Global arrays of locks: one site taking two elements makes the array a
 * collection; a lock layer's site does not, and withdraws one it alone
 * made; a withdrawn array never becomes one again. */
#include <pthread.h>

#include "locks/lock_array.h"
#include "unit.h"

static pthread_mutex_t stripe[4], roles[4];

#define SITE(name, line, flags) \
  static const struct syncsan_site name = {"a.c", #name, NULL, line, 1, SYNCSAN_OP_MUTEX_LOCK, flags}
SITE(by_index, 10, 0);
SITE(enter, 20, 0);
SITE(other, 30, 0);
SITE(wrapped, 40, SYNCSAN_SITE_WRAPPER);

static void register_arrays(void) {
  static const struct syncsan_global g[] = {
      {stripe, sizeof(stripe), "stripe", 0, sizeof(stripe[0])},
      {roles, sizeof(roles), "roles", 0, sizeof(roles[0])},
  };
  __syncsan_register_globals(g, 2);
}

static void index_site_makes_a_collection(void) {
  uint64_t k = ss_array_key("stripe"), revoked = 1;
  CHECK(!ss_array_is_collection(k));
  CHECK(!ss_array_note_element(k, 1, &by_index, &revoked) && !revoked);
  CHECK(!ss_array_note_element(k, 1, &by_index, &revoked)); /* the same element again */
  CHECK(ss_array_note_element(k, 2, &by_index, &revoked));
  CHECK(ss_array_is_collection(k));
}

static void layer_withdraws(void) {
  uint64_t k = ss_array_key("roles"), revoked = 0;
  CHECK(!ss_array_note_element(k, 1, &enter, &revoked));
  CHECK(ss_array_note_element(k, 2, &enter, &revoked)); /* looks like an index, for now */
  CHECK(ss_array_is_collection(k));
  CHECK(ss_array_note_other(&enter) == k); /* another lock there: a layer */
  CHECK(!ss_array_is_collection(k));
  /* Withdrawn for good, even with new evidence elsewhere. */
  CHECK(!ss_array_note_element(k, 1, &other, &revoked));
  CHECK(!ss_array_note_element(k, 3, &other, &revoked));
  CHECK(!ss_array_is_collection(k));
}

static void marked_site_is_no_evidence(void) {
  uint64_t k = ss_array_key("marked"), revoked;
  CHECK(!ss_array_note_element(k, 1, &wrapped, &revoked));
  CHECK(!ss_array_note_element(k, 2, &wrapped, &revoked));
  CHECK(!ss_array_is_collection(k));
  CHECK(ss_array_note_other(&wrapped) == 0);
}

UNIT_MAIN(UNIT_TEST(register_arrays), UNIT_TEST(index_site_makes_a_collection),
          UNIT_TEST(layer_withdraws), UNIT_TEST(marked_site_is_no_evidence))
