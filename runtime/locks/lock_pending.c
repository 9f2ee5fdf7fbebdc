/* Levels declared (syncsan_lock_set_level) for an address the runtime knows
 * no lock at yet. The API takes any pointer, and a level set before a lock
 * is initialised or first used is a natural way to declare one, so the
 * level waits here and goes to the lock's record when one is created at
 * the address (ss_lock_lookup). A record is created only for a lock that
 * is initialised or used: a garbage address given to the API makes no
 * phantom lock, only an entry here, and the table is bounded.
 *
 * Concurrency: one spinlock. Setting a level is rare, and ss_lock_lookup
 * looks here only while something is pending (one relaxed load otherwise),
 * on its slow path of creating a record. Lock order: the lock table's
 * stripe, then this lock. */
#include "lock_pending.h"

#define CAP 65536u
#define NBUCKETS 4096u

struct pending {
  uintptr_t addr;
  struct pending *next; /* hash chain / free list */
  int32_t level;
  uint32_t ordered;
};

static ss_spin_t lock SS_RUNTIME_LOCK;
static struct pending *pool;      /* CAP entries, mapped on first use */
static struct pending **buckets;  /* NBUCKETS chains */
static struct pending *free_list; /* guarded by lock */
static uint32_t pool_used;        /* guarded by lock */
static uint32_t npending;         /* guarded by lock; read without it as a hint */
static int full_warned;

static inline uint32_t bucket_of(uintptr_t a) {
  return (uint32_t)(((uint64_t)a * 0x9e3779b97f4a7c15ull) >> 52) & (NBUCKETS - 1);
}

static struct pending **find(uintptr_t addr) {
  struct pending **pp = &buckets[bucket_of(addr)];
  while (*pp && (*pp)->addr != addr)
    pp = &(*pp)->next;
  return pp;
}

static void release(struct pending **pp) {
  struct pending *p = *pp;
  *pp = p->next;
  p->next = free_list;
  free_list = p;
  __atomic_store_n(&npending, npending - 1, __ATOMIC_RELAXED);
}

static struct pending *new_entry(uintptr_t addr) {
  struct pending *p = free_list;
  if (p)
    free_list = p->next;
  else if (pool_used < CAP)
    p = &pool[pool_used++];
  else
    return NULL;
  p->addr = addr;
  p->next = buckets[bucket_of(addr)];
  buckets[bucket_of(addr)] = p;
  __atomic_store_n(&npending, npending + 1, __ATOMIC_RELAXED);
  return p;
}

SS_HIDDEN int ss_pending_level_set(uintptr_t addr, int32_t level, int ordered) {
  int ok = 1;
  ss_spin_lock(&lock);
  if (!pool) {
    pool = ss_map(CAP * sizeof(*pool));
    buckets = pool ? ss_map(NBUCKETS * sizeof(*buckets)) : NULL;
  }
  if (buckets) {
    struct pending **pp = find(addr), *p = *pp;
    if (!level) {
      if (p)
        release(pp);
    } else if (p || (p = new_entry(addr))) {
      p->level = level;
      p->ordered = (uint32_t)ordered;
    } else {
      ok = 0;
    }
  } else {
    ok = 0;
  }
  ss_spin_unlock(&lock);
  if (!ok)
    ss_warn_once(&full_warned,
                 "more than %u levels set on addresses where no lock was initialised or "
                 "used yet; further ones are ignored\n",
                 CAP);
  return ok;
}

SS_HIDDEN int ss_pending_level_take(uintptr_t addr, int32_t *level, uint32_t *ordered) {
  if (!__atomic_load_n(&npending, __ATOMIC_RELAXED))
    return 0;
  int found = 0;
  ss_spin_lock(&lock);
  struct pending **pp = find(addr);
  if (*pp) {
    *level = (*pp)->level;
    *ordered = (*pp)->ordered;
    release(pp);
    found = 1;
  }
  ss_spin_unlock(&lock);
  return found;
}
