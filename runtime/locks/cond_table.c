/* Condition-variable state: a chained hash table under striped spinlocks,
 * records from the core's pool (mmap'd, never unmapped, reused when freed).
 * Bounded: past COND_MAX live condvars, new ones go untracked after a
 * one-time warning.
 *
 * "Blocked" waiters are counted conservatively, so that a destroy report
 * is never a guess: a broadcast wakes every waiter present, and each signal
 * is assumed to have woken one of the waiters that arrived since the last
 * broadcast. A waiter that leaves without being woken (timeout) may thus
 * hide one blocked waiter from the count, never add one. */
#include "cond_table.h"

#include "core/pool.h"
#include "gone_table.h"
#include "lock_thread.h"

#define NBUCKETS 16384u
#define NSTRIPES 128u
#define CHUNK 1024u
#define COND_MAX 65536u

struct cond_rec {
  uintptr_t addr; /* key; 0 while free */
  struct cond_rec *next;
  uint32_t id;
  const struct syncsan_site *init_site;
  const char *name;
  uint32_t waiting;     /* threads between wait_begin and wait_end */
  uint32_t gen;         /* bumped by each broadcast */
  uint32_t gen_waiting; /* waiters that arrived in this generation */
  uint32_t gen_wakes;   /* signals sent in this generation (<= gen_waiting) */
  uint32_t signals;     /* every signal and broadcast (the deadlock watchdog) */
  uintptr_t mutex;      /* the mutex the waiters bound; 0 when unbound */
  uint32_t mutex_waiters;
  uint32_t mutex_tid;
  const struct syncsan_site *mutex_site;
  uint16_t mutex_kind;
};

static struct cond_rec **buckets; /* guarded by stripes */
static ss_spin_t stripes[NSTRIPES] SS_RUNTIME_LOCK;
static ss_spin_t pool_lock SS_RUNTIME_LOCK;
static struct ss_pool pool =
    SS_POOL_INIT(struct cond_rec, next, CHUNK, COND_MAX, &pool_lock, "",
                 "live condition variables", "condvars created past that are not checked");

static inline uint32_t hash_addr(uintptr_t a) {
  uint64_t h = (uint64_t)a * 0x9e3779b97f4a7c15ull;
  return (uint32_t)(h >> 40);
}

/* Buckets are mapped on the first condvar, not at start-up: most programs
 * never use one. */
static struct cond_rec **get_buckets(void) {
  return ss_map_once((void **)&buckets, NBUCKETS * sizeof(*buckets));
}

static uint32_t new_id(void) { return ss_pool_new_id(&pool); }

static struct cond_rec *alloc_record(void) {
  uint32_t id;
  struct cond_rec *c = ss_pool_alloc(&pool, &id);
  if (c)
    c->id = id;
  return c;
}

static void reset(struct cond_rec *c, const struct syncsan_site *site,
                  const struct syncsan_site *init_site) {
  c->init_site = init_site;
  c->name = ss_site_object(site);
  c->waiting = c->gen = c->gen_waiting = c->gen_wakes = 0;
  c->mutex = 0;
  c->mutex_waiters = c->mutex_tid = 0;
  c->mutex_site = NULL;
  c->mutex_kind = 0;
}

/* Finds cond's record with its stripe locked (*stripe set even on NULL);
 * creates it when `create` and absent. */
static struct cond_rec *find(uintptr_t cond, int create, const struct syncsan_site *site,
                             const struct syncsan_site *init_site, ss_spin_t **stripe) {
  struct cond_rec **b = get_buckets();
  uint32_t h = hash_addr(cond);
  *stripe = &stripes[h % NSTRIPES];
  ss_spin_lock(*stripe);
  if (!b)
    return NULL;
  struct cond_rec *c;
  for (c = b[h % NBUCKETS]; c; c = c->next)
    if (c->addr == cond)
      return c;
  if (create && (c = alloc_record())) {
    c->addr = cond;
    reset(c, site, init_site);
    c->next = b[h % NBUCKETS];
    b[h % NBUCKETS] = c;
  }
  return c;
}

static void snapshot(const struct cond_rec *c, struct ss_cond_info *out) {
  out->destroy_site = NULL;
  out->id = c->id;
  out->init_site = c->init_site;
  out->name = c->name;
  out->waiting = c->waiting;
  out->blocked = c->gen_waiting - c->gen_wakes;
  out->signals = c->signals;
  out->mutex = c->mutex;
  out->mutex_waiters = c->mutex_waiters;
  out->mutex_kind = c->mutex_kind;
  out->mutex_tid = c->mutex_tid;
  out->mutex_site = c->mutex_site;
}

SS_HIDDEN int ss_cond_wait_begin(uintptr_t cond, uintptr_t mutex, int mutex_kind,
                                 const struct syncsan_site *site, uint32_t tid,
                                 struct ss_cond_ticket *tk, struct ss_cond_info *other) {
  ss_spin_t *s;
  struct cond_rec *c = find(cond, 1, site, NULL, &s);
  int mismatch = 0;
  tk->id = 0;
  tk->mutex = mutex;
  if (c) {
    tk->id = c->id;
    tk->gen = c->gen;
    tk->signals = c->signals;
    if (c->mutex && c->mutex != mutex) {
      snapshot(c, other);
      mismatch = 1;
      tk->mutex = 0; /* not counted among the binding mutex's waiters */
    } else {
      if (!c->mutex) {
        c->mutex = mutex;
        c->mutex_kind = (uint16_t)mutex_kind;
      }
      c->mutex_waiters++;
      c->mutex_tid = tid;
      c->mutex_site = site;
    }
    c->waiting++;
    c->gen_waiting++;
  }
  ss_spin_unlock(s);
  return mismatch;
}

SS_HIDDEN void ss_cond_wait_end(uintptr_t cond, const struct ss_cond_ticket *tk) {
  if (!tk->id)
    return;
  ss_spin_t *s;
  struct cond_rec *c = find(cond, 0, NULL, NULL, &s);
  if (c && c->id == tk->id) {
    c->waiting--;
    if (tk->gen == c->gen) {
      c->gen_waiting--;
      if (c->gen_wakes > c->gen_waiting)
        c->gen_wakes = c->gen_waiting;
    }
    if (tk->mutex && tk->mutex == c->mutex && --c->mutex_waiters == 0)
      c->mutex = 0;
  }
  ss_spin_unlock(s);
}

/* With cond's stripe held: whether cond was destroyed and has no live
 * record since (a wait or an init after the destroy makes one). */
static int gone_of(uintptr_t cond, const struct cond_rec *live, struct ss_cond_info *out) {
  struct ss_gone g;
  if (live || !ss_gone_find(cond, SS_GONE_COND, &g))
    return 0;
  *out = (struct ss_cond_info){0};
  out->id = g.id;
  out->init_site = g.init_site;
  out->destroy_site = g.destroy_site;
  out->name = g.name;
  return 1;
}

SS_HIDDEN int ss_cond_gone(uintptr_t cond, struct ss_cond_info *out) {
  ss_spin_t *s;
  struct cond_rec *c = find(cond, 0, NULL, NULL, &s);
  int gone = gone_of(cond, c, out);
  ss_spin_unlock(s);
  return gone;
}

SS_HIDDEN void ss_cond_forget_gone(uintptr_t cond) {
  ss_spin_t *s;
  struct cond_rec *c = find(cond, 0, NULL, NULL, &s);
  if (!c)
    ss_gone_forget(cond, SS_GONE_COND);
  ss_spin_unlock(s);
}

SS_HIDDEN int ss_cond_wake(uintptr_t cond, int all, struct ss_cond_info *destroyed) {
  ss_spin_t *s;
  struct cond_rec *c = find(cond, 0, NULL, NULL, &s);
  int gone = gone_of(cond, c, destroyed);
  if (c) {
    c->signals++;
    if (all) {
      c->gen++;
      c->gen_waiting = c->gen_wakes = 0;
    } else if (c->gen_wakes < c->gen_waiting) {
      c->gen_wakes++;
    }
  }
  ss_spin_unlock(s);
  return gone;
}

SS_HIDDEN int ss_cond_created(uintptr_t cond, const struct syncsan_site *site,
                              struct ss_cond_info *prev) {
  ss_spin_t *s;
  struct cond_rec **b = get_buckets();
  struct cond_rec *c = find(cond, 0, NULL, NULL, &s);
  int known = c != NULL;
  if (b)
    ss_gone_forget(cond, SS_GONE_COND); /* a new condvar: using it is fine again */
  if (c) {
    snapshot(c, prev);
    reset(c, site, site);
    c->id = new_id();
  } else if (b && (c = alloc_record())) {
    uint32_t h = hash_addr(cond);
    c->addr = cond;
    reset(c, site, site);
    c->next = b[h % NBUCKETS];
    b[h % NBUCKETS] = c;
  }
  ss_spin_unlock(s);
  return known;
}

SS_HIDDEN int ss_cond_destroyed(uintptr_t cond, const struct syncsan_site *site,
                                struct ss_cond_info *prev) {
  struct cond_rec **b = get_buckets();
  if (!b)
    return 0;
  uint32_t h = hash_addr(cond);
  ss_spin_t *s = &stripes[h % NSTRIPES];
  struct cond_rec *victim = NULL;
  ss_spin_lock(s);
  for (struct cond_rec **pp = &b[h % NBUCKETS]; *pp; pp = &(*pp)->next) {
    if ((*pp)->addr == cond) {
      victim = *pp;
      *pp = victim->next;
      snapshot(victim, prev);
      victim->addr = 0;
      break;
    }
  }
  /* Remembered until an init at this address (or a use that shows the
   * memory was statically initialised again): a condvar never seen in use
   * gets its id now, and its name from the destroy call. */
  struct ss_gone g = {0};
  g.addr = cond;
  g.what = SS_GONE_COND;
  g.id = victim ? prev->id : new_id();
  g.init_site = victim ? prev->init_site : NULL;
  g.name = victim ? prev->name : ss_site_object(site);
  g.destroy_site = site;
  ss_gone_note(&g);
  ss_spin_unlock(s);
  if (!victim)
    return 0;
  ss_pool_free(&pool, victim);
  return 1;
}

SS_HIDDEN int ss_cond_info(uintptr_t cond, const struct syncsan_site *site,
                           struct ss_cond_info *out) {
  ss_spin_t *s;
  struct cond_rec *c = find(cond, 1, site, NULL, &s);
  if (c)
    snapshot(c, out);
  ss_spin_unlock(s);
  return c != NULL;
}

SS_HIDDEN int ss_cond_peek(uintptr_t cond, struct ss_cond_info *out) {
  ss_spin_t *s;
  struct cond_rec *c = find(cond, 0, NULL, NULL, &s);
  if (c)
    snapshot(c, out);
  ss_spin_unlock(s);
  return c != NULL;
}

SS_HIDDEN void ss_cond_table_fork_child(void) {
  struct cond_rec **b = __atomic_load_n(&buckets, __ATOMIC_ACQUIRE);
  if (!b)
    return;
  for (uint32_t i = 0; i < NBUCKETS; i++)
    for (struct cond_rec *c = b[i]; c; c = c->next) {
      c->waiting = c->gen_waiting = c->gen_wakes = 0;
      c->mutex = 0;
      c->mutex_waiters = 0;
    }
}
