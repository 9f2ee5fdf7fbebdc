/* Counting cross-node operations, per thread, and merging the counts
 * (cross.h). */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "core/access.h"
#include "numa/cross.h"
#include "numa/numa_topology.h"
#include "numa/numa_flags.h"
#include "numa/pool.h"

struct cross_table {
  struct ss_cross_entry e[SS_CROSS_THREAD_SLOTS];
  uint32_t used;   /* slots taken */
  uint32_t in_use; /* a live thread owns it (under tables_lock) */
  uint64_t lost;   /* counts that found the table full */
};

/* Invariant: tables[0..ntables) are mapped and never unmapped, so the exit
 * merge may read a table whose thread is exiting at the same moment. A
 * table's entries are written by its owner alone; merges (at the owner's
 * exit, or at process exit for a live owner) read them under tables_lock
 * and zero the counts they took, so no count is merged twice. An owner's
 * increment that races the process-exit merge may be lost: a count, never
 * memory safety. */
static struct cross_table *tables[SS_CROSS_TABLES];
static unsigned ntables;
static ss_spin_t tables_lock SS_RUNTIME_LOCK;

static __thread struct cross_table *self_table;
static __thread int self_no_table; /* none could be had: this thread counts nothing */

/* The process's merged counts (under tables_lock). */
static struct ss_cross_entry merged[SS_CROSS_SLOTS];
static unsigned nmerged;
static uint64_t merged_lost;
static int lost_warned, tables_warned;

static uint32_t slot_of(const struct syncsan_site *site, unsigned op, unsigned tnode,
                        unsigned onode, uint32_t bits) {
  uint64_t k = (uint64_t)(uintptr_t)site ^ ((uint64_t)op << 56) ^ ((uint64_t)tnode << 40) ^
               ((uint64_t)onode << 24);
  return (uint32_t)((k * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

/* The entry of the key in a table of 2^bits slots, taken if needed; NULL
 * when the table is too full to take it (linear probing, at most 7/8 full
 * so that probes stay short). */
static struct ss_cross_entry *entry_in(struct ss_cross_entry *e, uint32_t bits, uint32_t *used,
                                       const struct syncsan_site *site, unsigned op,
                                       unsigned tnode, unsigned onode) {
  uint32_t mask = (1u << bits) - 1;
  for (uint32_t i = slot_of(site, op, tnode, onode, bits);; i = (i + 1) & mask) {
    struct ss_cross_entry *x = &e[i];
    if (x->site == site && x->op == op && x->tnode == tnode && x->onode == onode)
      return x;
    if (!x->site) {
      if (*used >= (mask + 1) - (mask + 1) / 8)
        return NULL;
      x->op = (uint8_t)op;
      x->tnode = (uint16_t)tnode;
      x->onode = (uint16_t)onode;
      x->count = 0;
      __atomic_store_n(&x->site, site, __ATOMIC_RELEASE);
      (*used)++;
      return x;
    }
  }
}

static struct cross_table *table_get(void) {
  struct cross_table *t = NULL;
  ss_spin_lock(&tables_lock);
  for (unsigned i = 0; i < ntables && !t; i++)
    if (!tables[i]->in_use) {
      t = tables[i]; /* its counts were merged at its last thread's exit */
      memset(t->e, 0, sizeof(t->e));
      t->used = 0;
    }
  if (!t && ntables < SS_CROSS_TABLES) {
    t = ss_map(sizeof(*t));
    if (t)
      tables[ntables++] = t;
  }
  if (t)
    t->in_use = 1;
  ss_spin_unlock(&tables_lock);
  if (!t)
    ss_warn_once(&tables_warned,
                 "numa_cross_node: more than %d threads count at once (or no memory); the "
                 "operations of later ones are not counted\n",
                 SS_CROSS_TABLES);
  return t;
}

#define THREAD_BITS 9 /* SS_CROSS_THREAD_SLOTS */
#define MERGED_BITS 12 /* SS_CROSS_SLOTS */
_Static_assert((1u << THREAD_BITS) == SS_CROSS_THREAD_SLOTS && (1u << MERGED_BITS) == SS_CROSS_SLOTS,
               "the tables' sizes are powers of two");

/* The OS index of the node the calling thread runs on, -1 if unknown. The
 * topology is loaded already: a pool's registration loaded it. */
static int thread_node(void) {
  const struct ss_topo *topo = ss_topo_get();
  int l = ss_topo_current_node(topo);
  return l < 0 ? -1 : topo->node_os[l];
}

/* The observer (core/access.h). Cost per operation: the home lookup (a
 * load when no pool is registered, else a binary search), and for an
 * object of a known node, the CPU number from the vDSO and one probe of the
 * thread's own table. */
static void observe(uintptr_t obj, const struct syncsan_site *site, unsigned op) {
  if (!site || op >= SS_ACCESS_NOPS)
    return;
  int onode, tnode;
  if (SS_UNLIKELY(ss_numa_flags.numa_autoremediate)) {
    /* The pool counts its users' nodes too (pool_remediate.c): the
     * thread's node first. */
    if (!ss_pool_count() || (tnode = thread_node()) < 0 ||
        (onode = ss_numa_home_use((const void *)obj, tnode)) < 0)
      return;
  } else if ((onode = ss_numa_home_of((const void *)obj)) < 0 || (tnode = thread_node()) < 0) {
    return;
  }
  /* A signal handler's operation during this one takes the plain path;
   * the program's errno is kept (a table's first use maps memory). */
  int saved_errno = errno;
  ss_enter_runtime();
  struct cross_table *t = self_table;
  if (SS_UNLIKELY(!t)) {
    if (self_no_table || !(t = self_table = table_get())) {
      self_no_table = 1;
      ss_leave_runtime();
      errno = saved_errno;
      return;
    }
  }
  struct ss_cross_entry *e =
      entry_in(t->e, THREAD_BITS, &t->used, site, op, (unsigned)tnode, (unsigned)onode);
  if (SS_LIKELY(e != NULL))
    __atomic_store_n(&e->count, __atomic_load_n(&e->count, __ATOMIC_RELAXED) + 1,
                     __ATOMIC_RELAXED);
  else
    t->lost++;
  ss_leave_runtime();
  errno = saved_errno;
}

/* Adds t's counts to the process's and zeroes them (tables_lock held). */
static void merge(struct cross_table *t) {
  for (unsigned i = 0; i < SS_CROSS_THREAD_SLOTS; i++) {
    struct ss_cross_entry *x = &t->e[i];
    const struct syncsan_site *site = __atomic_load_n(&x->site, __ATOMIC_ACQUIRE);
    if (!site)
      continue;
    uint64_t c = __atomic_exchange_n(&x->count, 0, __ATOMIC_RELAXED);
    if (!c)
      continue;
    struct ss_cross_entry *m = entry_in(merged, MERGED_BITS, &nmerged, site, x->op, x->tnode, x->onode);
    if (m)
      m->count += c;
    else
      merged_lost += c;
  }
  merged_lost += t->lost;
  t->lost = 0;
}

/* The topology is not loaded here: at start-up (a preinit function) the
 * environment that hwloc reads (HWLOC_SYNTHETIC, ...) may not be set up
 * yet. An object has a known node only once a pool is registered, which
 * loads it. */
SS_HIDDEN void ss_cross_init(void) { ss_access_observe(observe); }

SS_HIDDEN void ss_cross_thread_exit(struct ss_thread *th, int process_exit) {
  (void)th;
  struct cross_table *t = self_table;
  if (!t || process_exit) /* the main thread's is merged with the others' */
    return;
  ss_spin_lock(&tables_lock);
  merge(t);
  /* Its keys stay (so the table's slots need no clearing); counts are 0.
   * Operations in the thread's later destructors are not counted: a table
   * taken then would never be given back. */
  t->in_use = 0;
  ss_spin_unlock(&tables_lock);
  self_table = NULL;
  self_no_table = 1;
}

SS_HIDDEN const struct ss_cross_entry *ss_cross_collect(unsigned *n, uint64_t *lost) {
  ss_spin_lock(&tables_lock);
  for (unsigned i = 0; i < ntables; i++)
    merge(tables[i]);
  *n = SS_CROSS_SLOTS;
  *lost = merged_lost;
  ss_spin_unlock(&tables_lock);
  if (merged_lost)
    ss_warn_once(&lost_warned,
                 "numa_cross_node: %llu operations did not fit the bounded tables and are "
                 "not counted\n",
                 (unsigned long long)merged_lost);
  return merged;
}

/* The child of a fork counts its own operations only: what the parent's
 * threads counted is the parent's to print. */
SS_HIDDEN void ss_cross_fork_child(void) {
  for (unsigned i = 0; i < ntables; i++) {
    struct cross_table *t = tables[i];
    for (unsigned k = 0; k < SS_CROSS_THREAD_SLOTS; k++)
      t->e[k].count = 0;
    t->lost = 0;
    t->in_use = t == self_table;
  }
  memset(merged, 0, sizeof(merged));
  nmerged = 0;
  merged_lost = 0;
}
