/* The pool table and syncsan_numa_pool (pool.h). */
#include <errno.h>
#include <string.h>

#include "core/dynsite.h"
#include "core/monitor.h"
#include "core/thread.h"
#include "numa/numa_topology.h"
#include "numa/pool.h"

/* Invariant: pools[0..npools) are the registered pools, non-overlapping,
 * sorted by start (so that ss_numa_home_of, which the lock and queue hooks
 * call for every operation under numa_cross_node=1, is a binary search:
 * its cost grows with the log of the pools, not their number). A writer holds table_lock and makes seq odd for as long
 * as the entries are inconsistent; a reader that sees seq odd or changed
 * reads again. Entries are plain words read with relaxed atomics, so a
 * torn read is only ever one that the sequence check throws away. */
static struct ss_pool pools[SS_POOL_MAX];
static unsigned npools;
static uint32_t seq, next_id;
static ss_spin_t table_lock SS_RUNTIME_LOCK;

static void write_begin(void) {
  __atomic_store_n(&seq, seq + 1, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_RELEASE);
}
static void write_end(void) { __atomic_store_n(&seq, seq + 1, __ATOMIC_RELEASE); }

static int home(const void *addr, int use_node) {
  uintptr_t a = (uintptr_t)addr;
  if (!__atomic_load_n(&npools, __ATOMIC_RELAXED))
    return -1; /* no pool (a registration in flight is not known yet) */
  /* Bounded: a signal handler that interrupted a registration on its own
   * thread would otherwise wait for it forever; it gets "unknown". */
  for (unsigned tries = 0; tries < 100000; tries++) {
    uint32_t s = __atomic_load_n(&seq, __ATOMIC_ACQUIRE);
    if (s & 1)
      continue;
    int node = -1;
    unsigned n = __atomic_load_n(&npools, __ATOMIC_RELAXED);
    if (n > SS_POOL_MAX)
      n = SS_POOL_MAX;
    /* The last pool that starts at or below a (a torn read may see the
     * entries out of order: the sequence check below throws it away). */
    unsigned lo = 0, hi = n;
    while (lo < hi) {
      unsigned mid = lo + (hi - lo) / 2;
      if (__atomic_load_n(&pools[mid].start, __ATOMIC_RELAXED) <= a)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo && a < __atomic_load_n(&pools[lo - 1].end, __ATOMIC_RELAXED)) {
      node = __atomic_load_n(&pools[lo - 1].node_os, __ATOMIC_RELAXED);
      if (use_node >= 0 && use_node < SS_TOPO_MAX_NODES)
        __atomic_add_fetch(&pools[lo - 1].uses[use_node], 1, __ATOMIC_RELAXED);
    }
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (__atomic_load_n(&seq, __ATOMIC_RELAXED) == s)
      return node;
  }
  return -1;
}

SS_HIDDEN int ss_numa_home_of(const void *addr) { return home(addr, -1); }
SS_HIDDEN int ss_numa_home_use(const void *addr, int tnode_os) { return home(addr, tnode_os); }

SS_HIDDEN void ss_pool_remediated(uint32_t id) {
  ss_spin_lock(&table_lock);
  for (unsigned i = 0; i < npools; i++)
    if (pools[i].id == id)
      pools[i].remediated = 1;
  ss_spin_unlock(&table_lock);
}

SS_HIDDEN unsigned ss_pool_count(void) { return __atomic_load_n(&npools, __ATOMIC_RELAXED); }

/* In a write (table_lock held): entry i goes, the ones above move down. */
static void drop(unsigned i) {
  memmove(&pools[i], &pools[i + 1], (npools - i - 1) * sizeof(pools[0]));
  __atomic_store_n(&npools, npools - 1, __ATOMIC_RELAXED);
}

/* Removes every pool overlapping [lo, hi) (table_lock held, in a write);
 * returns how many. */
static unsigned drop_overlapping(uintptr_t lo, uintptr_t hi) {
  unsigned dropped = 0;
  for (unsigned i = 0; i < npools;)
    if (pools[i].start < hi && lo < pools[i].end) {
      drop(i);
      dropped++;
    } else {
      i++;
    }
  return dropped;
}

SS_HIDDEN int ss_pool_bind(uintptr_t start, uintptr_t end, int node_os) {
  const struct ss_topo *t = ss_topo_get();
  if (!t)
    return ENOSYS;
  /* hwloc answers success without binding for a topology that is not
   * this machine's: that is a refusal, and is reported as one. */
  if (!t->this_system)
    return ENOSYS;
  hwloc_bitmap_t ns = SS_HWLOC(hwloc_bitmap_alloc)();
  if (!ns)
    return ENOMEM;
  SS_HWLOC(hwloc_bitmap_only)(ns, (unsigned)node_os);
  int rc = SS_HWLOC(hwloc_set_area_membind)(t->hw, (const void *)start, end - start, ns,
                                            HWLOC_MEMBIND_BIND, HWLOC_MEMBIND_BYNODESET);
  int err = rc ? (errno ? errno : EINVAL) : 0;
  SS_HWLOC(hwloc_bitmap_free)(ns);
  return err;
}

static int node_known(const struct ss_topo *t, int os) {
  for (unsigned i = 0; i < t->nnodes; i++)
    if (t->node_os[i] == os)
      return 1;
  return 0;
}

static int refused_warned[SS_TOPO_MAX_NODES];

static int pool_api(void *ptr, size_t size, int node, uintptr_t pc) {
  static int full_warned;
  uintptr_t lo = (uintptr_t)ptr, hi = lo + size;
  if (!ptr || (size == 0) != (node == -1) || node < -1 || hi < lo) {
    errno = EINVAL;
    return -1;
  }
  if (size == 0) { /* syncsan_numa_pool(ptr, 0, -1): the pool that holds ptr goes */
    ss_spin_lock(&table_lock);
    write_begin();
    unsigned n = drop_overlapping(lo, lo + 1);
    write_end();
    ss_spin_unlock(&table_lock);
    if (!n)
      errno = ENOENT;
    return n ? 0 : -1;
  }
  const struct ss_topo *t = ss_topo_get();
  if (!t) {
    errno = ENOSYS;
    return -1;
  }
  if (!node_known(t, node)) {
    errno = EINVAL;
    return -1;
  }
  ss_spin_lock(&table_lock);
  unsigned overlapping = 0;
  for (unsigned i = 0; i < npools; i++)
    overlapping += pools[i].start < hi && lo < pools[i].end;
  int full = npools - overlapping >= SS_POOL_MAX;
  ss_spin_unlock(&table_lock);
  if (full) {
    ss_warn_once(&full_warned,
                 "syncsan_numa_pool: more than %d pools; later ones are not registered\n",
                 SS_POOL_MAX);
    errno = ENOSPC;
    return -1;
  }
  int err = ss_pool_bind(lo, hi, node);
  if (err && node < SS_TOPO_MAX_NODES) {
    if (t->this_system)
      ss_warn_once(&refused_warned[node],
                   "syncsan_numa_pool: the kernel refused to bind [%p, %p) to node %d: %s; the "
                   "pool stays registered for node %d, unbound (its pages go where the kernel "
                   "puts them)\n",
                   (void *)lo, (void *)hi, node, strerror(err), node);
    else
      ss_warn_once(&refused_warned[node],
                   "syncsan_numa_pool: [%p, %p) is not bound to node %d: the topology is not "
                   "this machine's (HWLOC_THISSYSTEM=0); the pool stays registered for node %d, "
                   "unbound\n",
                   (void *)lo, (void *)hi, node, node);
  }
  const struct syncsan_site *site = ss_site_for_pc(pc, SYNCSAN_OP_API);
  ss_spin_lock(&table_lock);
  write_begin();
  drop_overlapping(lo, hi);
  if (npools < SS_POOL_MAX) { /* a concurrent registration may have filled it */
    unsigned at = 0;
    while (at < npools && pools[at].start < lo)
      at++;
    memmove(&pools[at + 1], &pools[at], (npools - at) * sizeof(pools[0]));
    struct ss_pool *p = &pools[at];
    memset(p, 0, sizeof(*p));
    p->start = lo;
    p->end = hi;
    p->node_os = node;
    p->bound = !err;
    p->bind_err = err;
    p->id = ++next_id;
    p->tid = ss_self.tid;
    p->site = site;
    __atomic_store_n(&npools, npools + 1, __ATOMIC_RELAXED);
  }
  write_end();
  ss_spin_unlock(&table_lock);
  ss_monitor_start();
  return err ? 1 : 0;
}

/* Public API (syncsan.h). The caller's return address makes the
 * registration's site, as for the interposed calls. */
SS_EXPORT int syncsan_numa_pool(void *ptr, size_t size, int node) {
  ss_thread_get();
  int saved = errno, rc = pool_api(ptr, size, node, (uintptr_t)__builtin_return_address(0));
  if (rc >= 0)
    errno = saved;
  return rc;
}

SS_HIDDEN unsigned ss_pool_rehome(uintptr_t start, uintptr_t end, int node_os) {
  unsigned n = 0;
  ss_spin_lock(&table_lock);
  write_begin();
  for (unsigned i = 0; i < npools; i++)
    if (pools[i].start >= start && pools[i].end <= end) {
      pools[i].node_os = node_os;
      pools[i].reported = 0;
      pools[i].id = ++next_id; /* remediated stays: a pool is moved once */
      n++;
    }
  write_end();
  ss_spin_unlock(&table_lock);
  return n;
}

SS_HIDDEN unsigned ss_pool_snapshot(struct ss_pool *out, unsigned max, unsigned from,
                                    unsigned *next) {
  unsigned n = 0;
  ss_spin_lock(&table_lock);
  if (from >= npools)
    from = 0;
  for (unsigned k = 0; k < npools && n < max; k++)
    out[n++] = pools[(from + k) % npools];
  *next = npools ? (from + n) % npools : 0;
  ss_spin_unlock(&table_lock);
  return n;
}

SS_HIDDEN void ss_pool_note(uint32_t id, int reported, uint32_t cursor) {
  ss_spin_lock(&table_lock);
  for (unsigned i = 0; i < npools; i++)
    if (pools[i].id == id) {
      pools[i].reported |= reported;
      pools[i].cursor = cursor;
    }
  ss_spin_unlock(&table_lock);
}
