/* The record pool: records until the bound and none past it, serials that
 * are never reused, freed records handed out again, and foreach over every
 * record handed out, across chunks. */
#include "core/pool.h"
#include "unit.h"

struct rec {
  uint64_t key;
  struct rec *next;
  uint32_t id;
};
static ss_spin_t lock;
static struct ss_pool pool =
    SS_POOL_INIT(struct rec, next, 4, 10, &lock, "max_recs=", "test records", "past that: none");

static void count(void *r, void *arg) {
  (void)r;
  (*(unsigned *)arg)++;
}

static void bounded_and_reused(void) {
  struct rec *r[11];
  uint32_t ids[11];
  for (int i = 0; i < 10; i++) {
    r[i] = ss_pool_alloc(&pool, &ids[i]);
    CHECK(r[i] != NULL);
    CHECK(ids[i] == (uint32_t)i + 1);
  }
  CHECK(ss_pool_alloc(&pool, &ids[10]) == NULL); /* at the bound (warned once) */
  CHECK(ss_pool_alloc(&pool, NULL) == NULL);
  for (int i = 0; i < 10; i++)
    for (int j = 0; j < i; j++)
      CHECK(r[i] != r[j]);
  unsigned n = 0;
  ss_pool_foreach(&pool, count, &n);
  CHECK(n == 10); /* three chunks of 4, the last one half used */
  r[3]->key = 33;
  ss_pool_free(&pool, r[3]);
  uint32_t id;
  struct rec *again = ss_pool_alloc(&pool, &id);
  CHECK(again == r[3]); /* the freed record, with a fresh serial */
  CHECK(id == 11);
  CHECK(ss_pool_new_id(&pool) == 12);
  n = 0;
  ss_pool_foreach(&pool, count, &n);
  CHECK(n == 10);
}

static void map_once(void) {
  static void *slot;
  void *a = ss_map_once(&slot, 4096);
  CHECK(a != NULL && ss_map_once(&slot, 4096) == a);
  CHECK(((char *)a)[4095] == 0);
}

UNIT_MAIN(UNIT_TEST(bounded_and_reused), UNIT_TEST(map_once))
