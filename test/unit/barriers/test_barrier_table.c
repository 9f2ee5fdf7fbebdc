/* The barrier table's model: phases complete at the count-th arrival, a
 * thread's second arrival in one phase is a double wait (and records the
 * first one's site), users are counted once per incarnation (and past the
 * array only counted), re-init starts a new incarnation, a full table
 * returns no record, and a fork child forgets phases in progress. Each
 * simulated thread arrives from a thread of its own: the table's cache of
 * user slots is per thread. */
#include <pthread.h>

#include "barriers/barrier_flags.h"
#include "barriers/barrier_table.h"
#include "unit.h"

static const struct syncsan_site s1 = {"t.c", "f", "g_bar", 1, 1, SYNCSAN_OP_BARRIER_WAIT, 0};
static const struct syncsan_site s2 = {"t.c", "f", "g_bar", 2, 1, SYNCSAN_OP_BARRIER_WAIT, 0};

struct job {
  uintptr_t addr;
  uint32_t tid;
  int times;
  struct ss_barrier_arrive out[2];
  struct ss_barrier *b;
};

static void *run_job(void *arg) {
  struct job *j = arg;
  for (int i = 0; i < j->times; i++)
    j->b = ss_barrier_arrive(j->addr, SS_BAR_PTHREAD, j->tid, i ? &s2 : &s1, 0, &j->out[i]);
  return NULL;
}

/* Thread `tid` arrives `times` times (1 or 2) at addr, from a new thread. */
static struct job arrive_as(uintptr_t addr, uint32_t tid, int times) {
  struct job j = {addr, tid, times, {{0}}, NULL};
  pthread_t t;
  pthread_create(&t, NULL, run_job, &j);
  pthread_join(t, NULL);
  return j;
}

static struct ss_barrier *make(uintptr_t addr, uint32_t count) {
  struct ss_barrier *b = ss_barrier_get(addr, SS_BAR_PTHREAD);
  CHECK(b != NULL);
  if (b) {
    ss_spin_lock(&b->lock);
    ss_barrier_reset(b, count, &s1, 0);
    ss_spin_unlock(&b->lock);
  }
  return b;
}

static void phases_complete_at_the_count(void) {
  struct ss_barrier *b = make(0x1000, 3);
  struct job a = arrive_as(0x1000, 1, 1), c = arrive_as(0x1000, 2, 1);
  CHECK(a.b == b && a.out[0].known && a.out[0].new_user && !a.out[0].completes);
  CHECK(c.out[0].narrived == 2 && !c.out[0].completes);
  CHECK(b->narrived == 2 && b->phase == 0);
  struct job d = arrive_as(0x1000, 3, 1);
  CHECK(d.out[0].completes && d.out[0].phase == 0);
  CHECK(b->narrived == 0 && b->phase == 1);
  CHECK(b->nusers == 3);
  /* A user arriving again in the next phase is no double wait. */
  struct job e = arrive_as(0x1000, 1, 1);
  CHECK(!e.out[0].double_wait && e.out[0].phase == 1);
}

static void a_second_arrival_in_one_phase_is_a_double_wait(void) {
  make(0x2000, 2);
  struct job j = arrive_as(0x2000, 1, 2);
  CHECK(!j.out[0].double_wait);
  CHECK(j.out[1].double_wait && j.out[1].first_site == &s1);
  /* The model counts it (as the real barrier does): the phase completed. */
  CHECK(j.out[1].completes);
}

static void destroyed_and_reinitialised(void) {
  struct ss_barrier *b = make(0x3000, 2);
  arrive_as(0x3000, 1, 1);
  __atomic_store_n(&b->state, SS_BAR_DESTROYED, __ATOMIC_RELAXED);
  struct job j = arrive_as(0x3000, 2, 1);
  CHECK(!j.out[0].known && j.out[0].state == SS_BAR_DESTROYED);
  CHECK(b->narrived == 1); /* the blocked waiter stays */
  uint32_t gen = b->gen;
  make(0x3000, 2);
  CHECK(b->gen == gen + 1 && b->narrived == 0 && b->nusers == 0);
  struct job k = arrive_as(0x3000, 1, 1);
  CHECK(k.out[0].known && k.out[0].new_user);
}

static void users_past_the_array_are_counted(void) {
  struct ss_barrier *b = make(0x4000, 1000);
  for (uint32_t t = 1; t <= SS_BARRIER_USERS + 3; t++)
    arrive_as(0x4000, t, 1);
  CHECK(b->nusers == SS_BARRIER_USERS && b->users_lost == 3);
  CHECK(b->narrived == SS_BARRIER_USERS + 3);
}

static void a_full_table_gives_no_record(void) {
  /* max_barriers is 8: four records exist, four more fit. */
  for (uintptr_t a = 0x5000; a < 0x5000 + 4 * 0x100; a += 0x100)
    CHECK(ss_barrier_get(a, SS_BAR_PTHREAD) != NULL);
  CHECK(ss_barrier_get(0x9000, SS_BAR_PTHREAD) == NULL);
  CHECK(ss_barrier_find(0x5000) != NULL && ss_barrier_find(0x9000) == NULL);
  struct job j = arrive_as(0x9000, 1, 1);
  CHECK(j.b == NULL && !j.out[0].known);
}

static void a_fork_child_forgets_phases(void) {
  struct ss_barrier *b = ss_barrier_find(0x1000);
  arrive_as(0x1000, 2, 1);
  CHECK(b->narrived > 0);
  ss_barrier_table_fork_child();
  CHECK(b->narrived == 0 && b->nusers == 0 && b->lock.v == 0);
}

/* Before the tests: a small table. */
__attribute__((constructor)) static void small_table(void) {
  ss_barrier_flags.max_barriers = 8;
  ss_barrier_table_init();
}

UNIT_MAIN(UNIT_TEST(phases_complete_at_the_count),
          UNIT_TEST(a_second_arrival_in_one_phase_is_a_double_wait),
          UNIT_TEST(destroyed_and_reinitialised), UNIT_TEST(users_past_the_array_are_counted),
          UNIT_TEST(a_full_table_gives_no_record), UNIT_TEST(a_fork_child_forgets_phases))
