/* Lock metadata: a chained hash table under striped spinlocks.
 *
 * Records come from the core's pool and are never unmapped, so a pointer to a
 * record stays valid for the life of the process (its contents may be
 * reused after a destroy). The table is bounded by max_locks: when full,
 * new locks go untracked after a one-time warning. */
#include "lock_table.h"

#include <string.h>

#include "core/pool.h"
#include "gone_table.h"
#include "lock_flags.h"
#include "lock_index.h"
#include "lock_mem.h"
#include "lock_pending.h"
#include "core/globals.h"
#include "lock_thread.h"

#define NBUCKETS 65536u
#define NSTRIPES 256u
#define CHUNK 4096u

static struct ss_lock **buckets; /* NBUCKETS heads; guarded by stripes */
static ss_spin_t stripes[NSTRIPES] SS_RUNTIME_LOCK;
static ss_spin_t pool_lock SS_RUNTIME_LOCK;
/* Its bound, max_locks, is set at start-up (ss_lock_table_init). */
static struct ss_pool pool =
    SS_POOL_INIT(struct ss_lock, next, CHUNK, 0, &pool_lock, "max_locks=", "live locks",
                 "locks created past that are not tracked (raise max_locks)");
static uint32_t last_gen; /* incarnations handed out (atomic) */
SS_HIDDEN uint32_t ss_lock_epochs[SS_EPOCH_BUCKETS];
/* The name the pass's in-line path reads them by (<syncsan/abi_fast.h>). */
extern uint32_t __syncsan_fast_v1_epochs[SS_EPOCH_BUCKETS]
    __attribute__((alias("ss_lock_epochs"), visibility("hidden")));

/* A fresh incarnation, never 0 (0 means "untracked" in held entries). */
static uint32_t new_gen(void) {
  uint32_t g;
  do
    g = __atomic_add_fetch(&last_gen, 1, __ATOMIC_RELAXED);
  while (SS_UNLIKELY(g == 0));
  return g;
}

static inline uint32_t hash_addr(uintptr_t a) {
  uint64_t h = (uint64_t)a * 0x9e3779b97f4a7c15ull;
  return (uint32_t)(h >> 40);
}

/* The record of addr in its bucket, or NULL. The caller holds the stripe
 * of h. */
static struct ss_lock *bucket_find(uint32_t h, uintptr_t addr) {
  struct ss_lock *l = buckets[h % NBUCKETS];
  while (l && l->addr != addr)
    l = l->next;
  return l;
}

SS_HIDDEN void ss_lock_table_init(void) {
  pool.max = (unsigned long)ss_lock_flags.max_locks;
  buckets = ss_map(NBUCKETS * sizeof(*buckets));
}

static struct ss_lock *alloc_record(void) {
  uint32_t id;
  struct ss_lock *l = ss_pool_alloc(&pool, &id);
  if (l)
    l->id = id;
  return l;
}

static struct ss_lock *lookup(uintptr_t addr, int kind, const struct syncsan_site *site,
                              const struct syncsan_site *init_site, struct ss_gone *gone,
                              struct ss_lock *copy) {
  if (gone)
    gone->addr = 0;
  if (!buckets)
    return NULL;
  uint32_t h = hash_addr(addr);
  ss_spin_t *s = &stripes[h % NSTRIPES];
  ss_spin_lock(s);
  struct ss_lock *l = bucket_find(h, addr);
  if (l) {
    /* Learn what the first sight did not know (a call through a pointer
     * names no global). */
    if (!l->name && ss_site_object(site) && !l->class_id)
      l->name = ss_site_object(site);
  } else if ((l = alloc_record())) {
    l->addr = addr;
    l->class_id = 0;
    l->init_site = init_site;
    l->init_pc = 0;
    l->init_key = 0;
    l->kind = (uint16_t)kind;
    l->flags = init_site ? 0 : SS_LOCK_STATIC;
    l->level = 0;
    l->instances = 0;
    l->dead_owner = 0;
    l->dead_stack = 0;
    l->dead_site = NULL;
    /* A registered global names the lock whatever path reached it; a
     * level declared on it is the instance's level. */
    uint32_t gflags;
    l->name_elem = 0;
    if (ss_global_find(addr, &l->name, &l->name_off, &l->name_elem, &gflags)) {
      l->level = (int32_t)(gflags >> SYNCSAN_SITE_LEVEL_SHIFT);
      if (gflags & SYNCSAN_SITE_LEVEL_ORDERED)
        l->flags |= SS_LOCK_LEVEL_ORDERED;
    } else {
      l->name = ss_site_object(site);
      l->name_off = 0;
    }
    /* A level set on the address before the lock was initialised or used
     * is this instance's. */
    int32_t lv;
    uint32_t ord;
    if (ss_pending_level_take(addr, &lv, &ord)) {
      l->level = lv;
      l->flags = (uint16_t)((l->flags & ~SS_LOCK_LEVEL_ORDERED) | (ord ? SS_LOCK_LEVEL_ORDERED : 0));
    }
    __atomic_store_n(&l->gen, new_gen(), __ATOMIC_RELEASE);
    /* Under the stripe: of two first uses racing, one takes the entry. */
    if (gone && !ss_gone_take(addr, (uint16_t)(kind + 1), gone))
      gone->addr = 0;
    l->next = buckets[h % NBUCKETS];
    buckets[h % NBUCKETS] = l;
    ss_mem_add(addr);
  }
  if (l && copy)
    *copy = *l;
  ss_spin_unlock(s);
  return l;
}

SS_HIDDEN struct ss_lock *ss_lock_lookup(uintptr_t addr, int kind,
                                         const struct syncsan_site *site,
                                         const struct syncsan_site *init_site) {
  return lookup(addr, kind, site, init_site, NULL, NULL);
}

SS_HIDDEN struct ss_lock *ss_lock_lookup_use(uintptr_t addr, int kind,
                                             const struct syncsan_site *site,
                                             struct ss_gone *gone, struct ss_lock *copy) {
  return lookup(addr, kind, site, NULL, gone, copy);
}

SS_HIDDEN int ss_lock_snapshot(uintptr_t addr, struct ss_lock *out) {
  if (!buckets)
    return 0;
  uint32_t h = hash_addr(addr);
  ss_spin_t *s = &stripes[h % NSTRIPES];
  int found = 0;
  ss_spin_lock(s);
  struct ss_lock *l = bucket_find(h, addr);
  if (l) {
    *out = *l;
    found = 1;
  }
  ss_spin_unlock(s);
  return found;
}

/* Robust mutexes whose owner died with nobody taking them over: lets
 * process exit skip the table scan when there are none (the usual case). */
static uint32_t owner_died_pending;

SS_HIDDEN uint32_t ss_lock_forget(uintptr_t addr, uint32_t *class_id) {
  *class_id = 0;
  if (!buckets)
    return 0;
  uint32_t h = hash_addr(addr);
  ss_spin_t *s = &stripes[h % NSTRIPES];
  struct ss_lock *victim = NULL;
  uint32_t instances = 0;
  ss_spin_lock(s);
  for (struct ss_lock **pp = &buckets[h % NBUCKETS]; *pp; pp = &(*pp)->next) {
    if ((*pp)->addr == addr) {
      victim = *pp;
      *pp = victim->next;
      ss_mem_remove(addr);
      instances = victim->instances;
      victim->instances = 0;
      *class_id = victim->class_id;
      if (victim->dead_owner)
        __atomic_fetch_sub(&owner_died_pending, 1, __ATOMIC_RELAXED);
      break;
    }
  }
  ss_spin_unlock(s);
  if (!victim)
    return 0;
  ss_lock_index_drop(addr);
  __atomic_fetch_add(ss_lock_epoch(addr), 1, __ATOMIC_RELEASE);
  __atomic_store_n(&victim->addr, 0, __ATOMIC_RELEASE);
  ss_pool_free(&pool, victim);
  return instances;
}

SS_HIDDEN uint32_t ss_lock_push_instance(uintptr_t addr, uint32_t gen, uint32_t node) {
  if (!buckets)
    return UINT32_MAX;
  uint32_t h = hash_addr(addr), prev = UINT32_MAX;
  ss_spin_t *s = &stripes[h % NSTRIPES];
  ss_spin_lock(s);
  struct ss_lock *l = bucket_find(h, addr);
  if (l && l->gen == gen) {
    prev = l->instances;
    l->instances = node;
  }
  ss_spin_unlock(s);
  return prev;
}

SS_HIDDEN int ss_lock_note_owner_died(uintptr_t addr, uint32_t tid,
                                      const struct syncsan_site *site, uint32_t stack) {
  if (!buckets)
    return 0;
  uint32_t h = hash_addr(addr);
  ss_spin_t *s = &stripes[h % NSTRIPES];
  ss_spin_lock(s);
  struct ss_lock *l = bucket_find(h, addr);
  if (l) {
    if (!l->dead_owner)
      __atomic_fetch_add(&owner_died_pending, 1, __ATOMIC_RELAXED);
    l->dead_owner = tid + 1;
    l->dead_site = site;
    l->dead_stack = stack;
  }
  ss_spin_unlock(s);
  return l != NULL;
}

SS_HIDDEN void ss_lock_owner_taken(uintptr_t addr) {
  if (!buckets)
    return;
  uint32_t h = hash_addr(addr);
  ss_spin_t *s = &stripes[h % NSTRIPES];
  ss_spin_lock(s);
  struct ss_lock *l = bucket_find(h, addr);
  if (l && l->dead_owner) {
    l->dead_owner = 0;
    __atomic_fetch_sub(&owner_died_pending, 1, __ATOMIC_RELAXED);
  }
  ss_spin_unlock(s);
}

SS_HIDDEN int ss_lock_take_owner_died(uintptr_t addr, struct ss_lock *out) {
  if (!buckets || !__atomic_load_n(&owner_died_pending, __ATOMIC_RELAXED))
    return 0;
  uint32_t first = addr ? hash_addr(addr) % NBUCKETS : 0;
  uint32_t end = addr ? first + 1 : NBUCKETS;
  /* A bucket's stripe is its index's: NSTRIPES divides NBUCKETS. */
  for (uint32_t b = first; b < end; b++) {
    ss_spin_t *s = &stripes[b % NSTRIPES];
    int found = 0;
    ss_spin_lock(s);
    for (struct ss_lock *l = buckets[b]; l && !found; l = l->next)
      if (l->dead_owner && (!addr || l->addr == addr)) {
        *out = *l;
        l->dead_owner = 0;
        __atomic_fetch_sub(&owner_died_pending, 1, __ATOMIC_RELAXED);
        found = 1;
      }
    ss_spin_unlock(s);
    if (found)
      return 1;
  }
  return 0;
}

SS_HIDDEN uint32_t ss_lock_gen_now(uintptr_t addr) {
  struct ss_lock l;
  return ss_lock_snapshot(addr, &l) ? l.gen : 0;
}

SS_HIDDEN int ss_lock_stale(uintptr_t addr, uint32_t gen) {
  if (!gen)
    return 0;
  uint32_t now = ss_lock_gen_now(addr);
  return now && now != gen;
}

SS_HIDDEN int ss_lock_set_level(uintptr_t addr, int32_t level, int ordered) {
  if (!buckets)
    return 0;
  uint32_t h = hash_addr(addr);
  ss_spin_t *s = &stripes[h % NSTRIPES];
  int ok = 1;
  /* Under the stripe, so that a record created meanwhile (which takes a
   * pending level under the same stripe) cannot miss this one. */
  ss_spin_lock(s);
  struct ss_lock *l = bucket_find(h, addr);
  if (l) {
    l->level = level;
    l->flags = (uint16_t)((l->flags & ~SS_LOCK_LEVEL_ORDERED) |
                          (ordered ? SS_LOCK_LEVEL_ORDERED : 0));
    /* Same lock, new level: class caches must re-read it (the epoch),
     * while held entries and instances keep naming this incarnation (gen). */
    ss_lock_index_drop(addr);
    __atomic_fetch_add(ss_lock_epoch(addr), 1, __ATOMIC_RELEASE);
  } else {
    ok = ss_pending_level_set(addr, level, ordered);
  }
  ss_spin_unlock(s);
  return ok;
}

SS_HIDDEN void ss_lock_set_init_pc(uintptr_t addr, uintptr_t pc, uint64_t key) {
  if (!buckets)
    return;
  uint32_t h = hash_addr(addr);
  ss_spin_lock(&stripes[h % NSTRIPES]);
  struct ss_lock *l = bucket_find(h, addr);
  if (l && !l->class_id) {
    l->init_pc = pc;
    l->init_key = key;
  }
  ss_spin_unlock(&stripes[h % NSTRIPES]);
}

SS_HIDDEN void ss_lock_add_flags(uintptr_t addr, uint16_t flags) {
  if (!buckets)
    return;
  uint32_t h = hash_addr(addr);
  ss_spin_lock(&stripes[h % NSTRIPES]);
  struct ss_lock *l = bucket_find(h, addr);
  if (l)
    l->flags |= flags;
  ss_spin_unlock(&stripes[h % NSTRIPES]);
}

SS_HIDDEN void ss_lock_set_class(struct ss_lock *l, uint32_t class_id) {
  uint32_t h = hash_addr(l->addr);
  ss_spin_lock(&stripes[h % NSTRIPES]);
  l->class_id = class_id;
  ss_spin_unlock(&stripes[h % NSTRIPES]);
}

SS_HIDDEN uint32_t ss_lock_op_kind(uint32_t op) {
  if (op >= SYNCSAN_OP_RWLOCK_INIT && op <= SYNCSAN_OP_RWLOCK_UNLOCK)
    return SS_KIND_RWLOCK;
  if (op == SYNCSAN_OP_RWLOCK_CLOCKRDLOCK || op == SYNCSAN_OP_RWLOCK_CLOCKWRLOCK)
    return SS_KIND_RWLOCK;
  if (op >= SYNCSAN_OP_SPIN_INIT && op <= SYNCSAN_OP_SPIN_UNLOCK)
    return SS_KIND_SPIN;
  if (op >= SYNCSAN_OP_MTX_INIT && op <= SYNCSAN_OP_MTX_UNLOCK)
    return SS_KIND_MTX;
  return SS_KIND_MUTEX;
}

SS_HIDDEN const char *ss_lock_kind_name(int kind) {
  switch (kind) {
  case SS_KIND_MUTEX:
    return "mutex";
  case SS_KIND_RWLOCK:
    return "rwlock";
  case SS_KIND_SPIN:
    return "spinlock";
  case SS_KIND_MTX:
    return "mtx";
  default:
    return "lock";
  }
}

SS_HIDDEN const char *ss_lock_name(const struct ss_lock *l, char *buf, size_t n) {
  if (!l->name)
    return NULL;
  if (!l->name_off)
    return l->name;
  ss_format(buf, n, "%s+%u", l->name, l->name_off);
  return buf;
}

SS_HIDDEN const char *ss_lock_label(uintptr_t addr, int kind, const struct syncsan_site *site,
                                    char *buf, size_t n) {
  struct ss_lock l;
  char nbuf[300];
  int known = ss_lock_snapshot(addr, &l);
  const char *name = known && l.name ? ss_lock_name(&l, nbuf, sizeof(nbuf)) : ss_site_object(site);
  if (known)
    ss_format(buf, n, "%s M%u%s%s%s (%p)", ss_lock_kind_name(kind), l.id, name ? " '" : "",
              name ? name : "", name ? "'" : "", (void *)addr);
  else
    ss_format(buf, n, "%s%s%s%s (%p)", ss_lock_kind_name(kind), name ? " '" : "",
              name ? name : "", name ? "'" : "", (void *)addr);
  return buf;
}

SS_HIDDEN void ss_report_lock_origin(struct ss_report *r, uintptr_t addr) {
  struct ss_lock l;
  if (!ss_lock_snapshot(addr, &l))
    return;
  if (l.init_site)
    ss_report_section(r, l.init_site, "%s M%u was initialised at",
                      ss_lock_kind_name(l.kind), l.id);
  else
    ss_report_section(r, NULL, "%s M%u was statically initialised (no init call seen)",
                      ss_lock_kind_name(l.kind), l.id);
}
