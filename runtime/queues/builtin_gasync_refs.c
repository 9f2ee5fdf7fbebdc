/* The reference counts of GAsyncQueues (builtin_gasync_refs.h): a table
 * with linear probing, under one lock. Making, referencing and dropping a
 * queue are rare next to its pushes and pops, which never come here.
 * Removal shifts the entries after the removed one back, so that the
 * table never fills with deleted entries however many queues come and
 * go. */
#include "builtin_gasync_refs.h"

#include <stdint.h>

struct ref_entry {
  uintptr_t q; /* 0: empty */
  unsigned long refs;
};

static struct ref_entry table[SS_GASYNC_QUEUES];
static unsigned used;
static ss_spin_t lock SS_RUNTIME_LOCK;
static int full_warned;

_Static_assert((SS_GASYNC_QUEUES & (SS_GASYNC_QUEUES - 1)) == 0, "a power of two");

static unsigned home(uintptr_t q) {
  uint64_t h = (uint64_t)q * 0x9e3779b97f4a7c15ull;
  return (unsigned)(h >> 40) & (SS_GASYNC_QUEUES - 1);
}

/* q's slot, or the empty one where it would go. Under the lock. */
static unsigned find(uintptr_t q) {
  unsigned i = home(q);
  while (table[i].q && table[i].q != q)
    i = (i + 1) & (SS_GASYNC_QUEUES - 1);
  return i;
}

SS_HIDDEN void ss_gasync_made(const void *q) {
  uintptr_t k = (uintptr_t)q;
  if (!k)
    return;
  ss_spin_lock(&lock);
  unsigned i = find(k);
  if (table[i].q == k) {
    /* An address whose queue was destroyed unseen (an unref syncsan did
     * not count): the new queue's count replaces it. */
    table[i].refs = 1;
  } else if (used < SS_GASYNC_QUEUES - 1) {
    /* One slot stays empty, so that a search always ends. */
    table[i].q = k;
    table[i].refs = 1;
    used++;
  } else {
    ss_spin_unlock(&lock);
    ss_warn_once(&full_warned,
                 "more than %d GAsyncQueues at once; those past that are never taken "
                 "for destroyed\n",
                 SS_GASYNC_QUEUES - 1);
    return;
  }
  ss_spin_unlock(&lock);
}

SS_HIDDEN void ss_gasync_ref(const void *q) {
  uintptr_t k = (uintptr_t)q;
  if (!k)
    return;
  ss_spin_lock(&lock);
  unsigned i = find(k);
  if (table[i].q == k)
    table[i].refs++;
  ss_spin_unlock(&lock);
}

/* Empties slot i and moves back the entries after it that could not sit
 * in their home slot because of it (Knuth's algorithm R). */
static void remove_at(unsigned i) {
  unsigned mask = SS_GASYNC_QUEUES - 1, j = i;
  table[i].q = 0;
  for (;;) {
    j = (j + 1) & mask;
    if (!table[j].q)
      break;
    unsigned h = home(table[j].q);
    /* Entry j stays when its home lies cyclically in (i, j]. */
    if (i <= j ? (i < h && h <= j) : (i < h || h <= j))
      continue;
    table[i] = table[j];
    table[j].q = 0;
    i = j;
  }
  used--;
}

SS_HIDDEN int ss_gasync_unref(const void *q) {
  uintptr_t k = (uintptr_t)q;
  if (!k)
    return 0;
  int last = 0;
  ss_spin_lock(&lock);
  unsigned i = find(k);
  if (table[i].q == k && --table[i].refs == 0) {
    remove_at(i);
    last = 1;
  }
  ss_spin_unlock(&lock);
  return last;
}
