/* The lock index: an entry answers only under the epoch it was written
 * for, drops free it, a full set loses entries rather than answering
 * wrongly, and concurrent writers never let a reader see a torn entry.
 * Addresses are plain numbers: the index never reads the objects. */
#include <pthread.h>
#include <stdint.h>

#include "locks/lock_index.h"
#include "unit.h"

#define BASE ((uintptr_t)0x200000000000ull)

static void answers_under_its_epoch(void) {
  uint32_t cls = 0, gen = 0;
  uintptr_t a = BASE + 0x40;
  CHECK(!ss_lock_index_find(a, 7, &cls, &gen));
  ss_lock_index_put(a, 7, 11, 12);
  CHECK(ss_lock_index_find(a, 7, &cls, &gen) && cls == 11 && gen == 12);
  /* The address's epoch moved (a destroy, a level change): refused. */
  CHECK(!ss_lock_index_find(a, 8, &cls, &gen));
  /* A lookup that began before the change writes the old epoch: refused. */
  ss_lock_index_put(a, 7, 13, 14);
  CHECK(!ss_lock_index_find(a, 8, &cls, &gen));
  ss_lock_index_put(a, 8, 15, 16);
  CHECK(ss_lock_index_find(a, 8, &cls, &gen) && cls == 15 && gen == 16);
  ss_lock_index_drop(a);
  CHECK(!ss_lock_index_find(a, 8, &cls, &gen));
}

static void no_class_no_entry(void) {
  uint32_t cls, gen;
  ss_lock_index_put(BASE + 0x80, 1, 0, 5); /* class table full: nothing to say */
  CHECK(!ss_lock_index_find(BASE + 0x80, 1, &cls, &gen));
}

static void full_sets_lose_never_lie(void) {
  /* 200,000 addresses over 65,536 two-way sets, then each is looked up: the
   * ones still there give exactly what was put for them. */
  unsigned found = 0;
  for (uintptr_t i = 0; i < 200000; i++)
    ss_lock_index_put(BASE + 0x100000 + i * 48, 3, (uint32_t)i + 1, (uint32_t)i * 2 + 1);
  for (uintptr_t i = 0; i < 200000; i++) {
    uint32_t cls, gen;
    if (ss_lock_index_find(BASE + 0x100000 + i * 48, 3, &cls, &gen)) {
      found++;
      CHECK(cls == (uint32_t)i + 1 && gen == (uint32_t)i * 2 + 1);
    }
  }
  CHECK(found > 50000 && found < 200000); /* most fit; some were evicted */
}

/* Two writers put (addr, epoch) -> values derived from both, two readers
 * check that whatever they are given matches the epoch they asked with. */
#define RACE_ADDRS 64
static volatile int stop;
static unsigned bad;

static uint32_t cls_for(uintptr_t a, uint32_t ep) { return (uint32_t)(a ^ ep * 2654435761u) | 1; }

static void *writer(void *arg) {
  uint32_t ep = (uint32_t)(uintptr_t)arg;
  for (unsigned n = 0; n < 300000; n++) {
    uintptr_t a = BASE + 0x8000000 + (n % RACE_ADDRS) * 0x10000; /* few sets, much contention */
    uint32_t e = ep + (n & 3);
    ss_lock_index_put(a, e, cls_for(a, e), cls_for(a, e) * 3);
    if ((n & 15) == 0)
      ss_lock_index_drop(a);
  }
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  while (!__atomic_load_n(&stop, __ATOMIC_RELAXED))
    for (unsigned i = 0; i < RACE_ADDRS; i++)
      for (uint32_t e = 1; e < 9; e++) {
        uintptr_t a = BASE + 0x8000000 + i * 0x10000;
        uint32_t cls, gen;
        if (ss_lock_index_find(a, e, &cls, &gen) && (cls != cls_for(a, e) || gen != cls * 3))
          __atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED);
      }
  return NULL;
}

static void concurrent_entries_are_whole(void) {
  pthread_t w[2], r[2];
  for (int i = 0; i < 2; i++) {
    pthread_create(&r[i], NULL, reader, NULL);
    pthread_create(&w[i], NULL, writer, (void *)(uintptr_t)(1 + 4 * i));
  }
  for (int i = 0; i < 2; i++)
    pthread_join(w[i], NULL);
  __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
  for (int i = 0; i < 2; i++)
    pthread_join(r[i], NULL);
  CHECK(bad == 0);
}

UNIT_MAIN(UNIT_TEST(answers_under_its_epoch), UNIT_TEST(no_class_no_entry),
          UNIT_TEST(full_sets_lose_never_lie), UNIT_TEST(concurrent_entries_are_whole))
