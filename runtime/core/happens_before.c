/* The joined-thread sets of happens_before.h. */
#include "happens_before.h"

#include <string.h>

#include "thread.h"

struct joined {
  uint32_t tid; /* whose set this is; a slot's later thread resets it */
  uint32_t n;
  uint32_t tids[SS_JOINED_MAX]; /* sorted */
};

static ss_spin_t hb_lock SS_RUNTIME_LOCK;
static struct joined *table; /* [ntable], by registry slot; mapped on the first join */
static uint32_t ntable;
static int overflow_warned;

/* The calling thread's set, or NULL if it has none (never joined, or no
 * registry slot). Only the owner calls this. */
static struct joined *own(void) {
  struct joined *tab = __atomic_load_n(&table, __ATOMIC_ACQUIRE);
  uint32_t slot = ss_self.slot;
  if (!tab || slot >= ntable || tab[slot].tid != ss_self.tid)
    return NULL;
  return &tab[slot];
}

static int find(const struct joined *j, uint32_t tid, uint32_t *at) {
  uint32_t lo = 0, hi = j->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (j->tids[mid] < tid)
      lo = mid + 1;
    else
      hi = mid;
  }
  *at = lo;
  return lo < j->n && j->tids[lo] == tid;
}

/* hb_lock is held. */
static void add(struct joined *j, uint32_t tid) {
  uint32_t at;
  if (find(j, tid, &at))
    return;
  if (j->n == SS_JOINED_MAX) {
    ss_warn_once(&overflow_warned,
                 "thread T%u has joined more than %d threads (directly or through the "
                 "threads it joined); lock-order cycles through the edges of the others "
                 "are reported as if they could still run\n",
                 ss_self.tid, SS_JOINED_MAX);
    return;
  }
  memmove(&j->tids[at + 1], &j->tids[at], (j->n - at) * sizeof(j->tids[0]));
  j->tids[at] = tid;
  j->n++;
}

SS_HIDDEN void ss_hb_joined(uint32_t tid, uint32_t slot) {
  uint32_t self = ss_self.slot;
  ss_spin_lock(&hb_lock);
  if (!table) {
    uint32_t n = ss_threads_capacity();
    struct joined *tab = ss_map((size_t)n * sizeof(*tab));
    if (tab) {
      ntable = n;
      __atomic_store_n(&table, tab, __ATOMIC_RELEASE);
    }
  }
  if (table && self < ntable) {
    struct joined *j = &table[self];
    if (j->tid != ss_self.tid) {
      j->n = 0;
      __atomic_store_n(&j->tid, ss_self.tid, __ATOMIC_RELEASE);
    }
    add(j, tid);
    /* Its own set is final: it has exited. */
    if (slot < ntable && slot != self && table[slot].tid == tid)
      for (uint32_t i = 0; i < table[slot].n; i++)
        add(j, table[slot].tids[i]);
  }
  ss_spin_unlock(&hb_lock);
}

SS_HIDDEN int ss_hb_finished_before(uint32_t tid) {
  const struct joined *j = own();
  uint32_t at;
  return j && find(j, tid, &at);
}

SS_HIDDEN int ss_hb_any(void) {
  const struct joined *j = own();
  return j && j->n;
}
