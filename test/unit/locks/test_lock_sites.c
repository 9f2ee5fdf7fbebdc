/* Lock layers by behaviour: a site that resolves locks of two classes is a
 * layer; one class, however many locks, is not; a marked site always is. */
#include "locks/lock_sites.h"
#include "unit.h"

static const struct syncsan_site app = {"app.c", "walk", NULL, 10, 3, SYNCSAN_OP_MUTEX_LOCK, 0};
static const struct syncsan_site layer = {"layer.c", "enter", NULL, 5, 1, SYNCSAN_OP_MUTEX_LOCK, 0};
static const struct syncsan_site marked = {"w.c", "take", NULL, 7, 1, SYNCSAN_OP_MUTEX_LOCK,
                                           SYNCSAN_SITE_WRAPPER};

static void one_class_is_no_layer(void) {
  CHECK(!ss_sites_is_layer(&app));
  for (uint32_t i = 0; i < 100; i++)
    ss_sites_note(&app, 7);
  CHECK(!ss_sites_is_layer(&app));
}

static void two_classes_are_a_layer(void) {
  ss_sites_note(&layer, 3);
  CHECK(!ss_sites_is_layer(&layer));
  ss_sites_note(&layer, 4);
  CHECK(ss_sites_is_layer(&layer));
  ss_sites_note(&layer, 3); /* and stays one */
  CHECK(ss_sites_is_layer(&layer));
}

static void marked_sites(void) {
  CHECK(ss_sites_is_layer(&marked));
  CHECK(!ss_sites_is_layer(NULL));
}

UNIT_MAIN(UNIT_TEST(one_class_is_no_layer), UNIT_TEST(two_classes_are_a_layer),
          UNIT_TEST(marked_sites))
