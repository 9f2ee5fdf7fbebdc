/* The semaphore table (sem_table.h). */
#include "sem_table.h"

#include "core/pool.h"

#define NBUCKETS 16384u
#define NSTRIPES 128u
#define CHUNK 256u

struct ss_sem_rec {
  uintptr_t addr; /* key; never changes once set: records are never freed */
  struct ss_sem_rec *next;
  uint32_t id;
  uint8_t state, origin, shared, posters_lost;
  uint32_t initial;
  uint32_t waiting; /* threads between ss_sem_block_begin and _end */
  uint32_t woken;   /* posts that may have woken one of them (<= waiting) */
  uint32_t opens;   /* sem_open calls not yet closed, for a named one */
  uint64_t posts, waits;
  const struct syncsan_site *init_site, *destroy_site;
  const char *name;
  uint32_t nposters;
  uint32_t posters[SS_SEM_MAX_POSTERS];
  const struct syncsan_site *post_sites[SS_SEM_MAX_POSTERS];
};

static struct ss_sem_rec **buckets; /* guarded by stripes */
static ss_spin_t stripes[NSTRIPES] SS_RUNTIME_LOCK;
static ss_spin_t pool_lock SS_RUNTIME_LOCK;
static struct ss_pool pool = SS_POOL_INIT(struct ss_sem_rec, next, CHUNK, SS_SEM_MAX, &pool_lock,
                                          "", "semaphores", "semaphores past that are not checked");
static int table_full;

/* Bumped by every destroy and close: a thread's cached "live" answer is
 * good only while it has not changed (a destroy is rare; most programs
 * destroy their semaphores at the end). Starts at 1 so that an empty cache
 * entry never matches. */
static uint32_t ended_epoch = 1;

/* Which semaphores this thread used since the last destroy anywhere, and
 * the initialisation it last posted (so that a post adds its thread to the
 * posters once, not on every post). Direct-mapped by address. */
struct cache_entry {
  uintptr_t addr;
  struct ss_sem_rec *rec;
  uint32_t epoch;
  uint32_t posted_id;
};
static __thread struct cache_entry cache[8];

static inline uint32_t hash_addr(uintptr_t a) {
  uint64_t h = (uint64_t)a * 0x9e3779b97f4a7c15ull;
  return (uint32_t)(h >> 40);
}

static inline struct cache_entry *cache_slot(uintptr_t s) { return &cache[(s >> 4) & 7]; }

static struct ss_sem_rec *cached(uintptr_t s) {
  struct cache_entry *e = cache_slot(s);
  if (e->addr == s && e->epoch == __atomic_load_n(&ended_epoch, __ATOMIC_ACQUIRE))
    return e->rec;
  return NULL;
}

/* Only for a live record, read under its stripe, with the epoch read
 * before the state was: a destroy after that read bumps the epoch. */
static void remember(uintptr_t s, struct ss_sem_rec *r, uint32_t epoch) {
  struct cache_entry *e = cache_slot(s);
  if (e->addr != s || e->rec != r)
    e->posted_id = 0;
  e->addr = s;
  e->rec = r;
  e->epoch = epoch;
}

static struct ss_sem_rec **get_buckets(void) {
  return ss_map_once((void **)&buckets, NBUCKETS * sizeof(*buckets));
}

static uint32_t new_id(void) { return ss_pool_new_id(&pool); }

static struct ss_sem_rec *alloc_record(void) {
  struct ss_sem_rec *r = ss_pool_alloc(&pool, NULL);
  if (!r)
    __atomic_store_n(&table_full, 1, __ATOMIC_RELAXED);
  return r;
}

/* s's record with its stripe locked (*stripe set even on NULL); created
 * (state SS_SEM_UNKNOWN, id 0) when `create` and absent. */
static struct ss_sem_rec *find(uintptr_t s, int create, ss_spin_t **stripe) {
  struct ss_sem_rec **b = get_buckets();
  uint32_t h = hash_addr(s);
  *stripe = &stripes[h % NSTRIPES];
  ss_spin_lock(*stripe);
  if (!b)
    return NULL;
  struct ss_sem_rec *r;
  for (r = b[h % NBUCKETS]; r; r = r->next)
    if (r->addr == s)
      return r;
  if (create && (r = alloc_record())) {
    r->addr = s;
    r->next = b[h % NBUCKETS];
    b[h % NBUCKETS] = r;
  }
  return r;
}

static void snapshot(const struct ss_sem_rec *r, struct ss_sem_info *out) {
  out->id = r->id;
  out->state = r->state;
  out->origin = r->origin;
  out->shared = r->shared;
  out->posters_lost = r->posters_lost;
  out->initial = r->initial;
  out->posts = r->posts;
  out->waits = r->waits;
  out->waiting = r->waiting;
  out->blocked = r->waiting - (r->woken < r->waiting ? r->woken : r->waiting);
  out->init_site = r->init_site;
  out->destroy_site = r->destroy_site;
  out->name = r->name;
  out->nposters = r->nposters;
  for (uint32_t i = 0; i < r->nposters; i++) {
    out->posters[i] = r->posters[i];
    out->post_sites[i] = r->post_sites[i];
  }
}

/* A new life for the record; threads still blocked in the old one stay
 * counted as blocked (their waits end through their tickets). */
static void begin_life(struct ss_sem_rec *r, uint32_t id, unsigned value, int shared,
                       enum ss_sem_origin origin, const char *name,
                       const struct syncsan_site *site) {
  r->id = id;
  r->state = SS_SEM_LIVE;
  r->origin = (uint8_t)origin;
  r->shared = (uint8_t)(shared != 0);
  r->posters_lost = 0;
  r->initial = value;
  r->woken = 0;
  r->opens = origin == SS_SEM_BY_OPEN;
  r->posts = r->waits = 0;
  r->init_site = site;
  r->destroy_site = NULL;
  r->name = name;
  r->nposters = 0;
}

SS_HIDDEN void ss_sem_created(uintptr_t s, unsigned value, int shared, enum ss_sem_origin origin,
                              const char *name, const struct syncsan_site *site,
                              struct ss_sem_info *prev) {
  uint32_t id = new_id();
  ss_spin_t *st;
  struct ss_sem_rec *r = find(s, 1, &st);
  prev->state = SS_SEM_UNKNOWN;
  prev->blocked = 0;
  if (r) {
    if (r->id)
      snapshot(r, prev);
    /* sem_open of a name this process has open returns the same mapping:
     * the same semaphore, opened once more. */
    if (origin == SS_SEM_BY_OPEN && r->state == SS_SEM_LIVE && r->origin == SS_SEM_BY_OPEN) {
      r->opens++;
      prev->state = SS_SEM_UNKNOWN; /* not a re-initialisation */
    } else {
      begin_life(r, id, value, shared, origin, name, site);
    }
  }
  ss_spin_unlock(st);
}

SS_HIDDEN void ss_sem_ended(uintptr_t s, int close, const struct syncsan_site *site,
                            struct ss_sem_info *prev) {
  ss_spin_t *st;
  struct ss_sem_rec *r = find(s, 1, &st);
  prev->state = SS_SEM_UNKNOWN;
  prev->blocked = 0;
  if (r) {
    if (r->id)
      snapshot(r, prev);
    else
      r->id = new_id(); /* never seen initialised: a record to recognise its later uses by */
    if (close && r->state == SS_SEM_LIVE && r->opens > 1) {
      r->opens--;
    } else {
      r->state = close ? SS_SEM_CLOSED : SS_SEM_DESTROYED;
      r->destroy_site = site;
      r->opens = 0;
      __atomic_fetch_add(&ended_epoch, 1, __ATOMIC_RELEASE);
    }
  }
  ss_spin_unlock(st);
}

SS_HIDDEN enum ss_sem_state ss_sem_state(uintptr_t s) {
  if (SS_LIKELY(cached(s)))
    return SS_SEM_LIVE;
  uint32_t epoch = __atomic_load_n(&ended_epoch, __ATOMIC_ACQUIRE);
  ss_spin_t *st;
  struct ss_sem_rec *r = find(s, 0, &st);
  enum ss_sem_state state = r ? (enum ss_sem_state)r->state : SS_SEM_UNKNOWN;
  /* Once the table is full, a semaphore without a record may be one that
   * could not get one: it counts as live (unchecked). */
  if (!r && __atomic_load_n(&table_full, __ATOMIC_RELAXED))
    state = SS_SEM_LIVE;
  if (r && state == SS_SEM_LIVE)
    remember(s, r, epoch);
  ss_spin_unlock(st);
  return state;
}

SS_HIDDEN void ss_sem_adopt(uintptr_t s, unsigned value, int shared) {
  uint32_t id = new_id();
  ss_spin_t *st;
  struct ss_sem_rec *r = find(s, 1, &st);
  if (r && r->state != SS_SEM_LIVE)
    begin_life(r, id, value, shared, SS_SEM_ADOPTED, NULL, NULL);
  ss_spin_unlock(st);
}

/* The record of a semaphore in use: the cached one, or the table's. */
static struct ss_sem_rec *lock_rec(uintptr_t s, ss_spin_t **st) {
  struct ss_sem_rec *r = cached(s);
  if (SS_LIKELY(r)) {
    *st = &stripes[hash_addr(s) % NSTRIPES];
    ss_spin_lock(*st);
    return r;
  }
  return find(s, 0, st);
}

SS_HIDDEN struct ss_sem_rec *ss_sem_post(uintptr_t s, uint32_t tid,
                                         const struct syncsan_site *site, uint64_t n) {
  ss_spin_t *st;
  struct ss_sem_rec *r = lock_rec(s, &st);
  if (r) {
    r->posts += n;
    uint32_t room = r->waiting > r->woken ? r->waiting - r->woken : 0;
    r->woken += n < room ? (uint32_t)n : room;
    struct cache_entry *e = cache_slot(s);
    if (!(e->addr == s && e->rec == r && e->posted_id == r->id)) {
      uint32_t i = 0;
      while (i < r->nposters && r->posters[i] != tid)
        i++;
      if (i == r->nposters) {
        if (i < SS_SEM_MAX_POSTERS) {
          r->posters[i] = tid;
          r->post_sites[i] = site;
          r->nposters++;
        } else {
          r->posters_lost = 1;
        }
      }
      if (e->addr == s && e->rec == r)
        e->posted_id = r->id;
    }
  }
  ss_spin_unlock(st);
  return r;
}

SS_HIDDEN void ss_sem_post_failed(struct ss_sem_rec *r, uintptr_t s) {
  ss_spin_t *st = &stripes[hash_addr(s) % NSTRIPES];
  ss_spin_lock(st);
  if (r->posts)
    r->posts--;
  ss_spin_unlock(st);
}

SS_HIDDEN void ss_sem_waited(uintptr_t s) {
  ss_spin_t *st;
  struct ss_sem_rec *r = lock_rec(s, &st);
  if (r)
    r->waits++;
  ss_spin_unlock(st);
}

SS_HIDDEN struct ss_sem_ticket ss_sem_block_begin(uintptr_t s) {
  ss_spin_t *st;
  struct ss_sem_rec *r = lock_rec(s, &st);
  struct ss_sem_ticket tk = {r, 0, 0};
  if (r) {
    r->waiting++;
    tk.id = r->id;
    tk.posts = r->posts;
  }
  ss_spin_unlock(st);
  return tk;
}

SS_HIDDEN void ss_sem_block_end(struct ss_sem_ticket tk, uintptr_t s, int ok) {
  if (!tk.rec)
    return;
  struct ss_sem_rec *r = tk.rec;
  ss_spin_t *st = &stripes[hash_addr(s) % NSTRIPES];
  ss_spin_lock(st);
  if (r->waiting)
    r->waiting--;
  /* A waiter that took a unit was (probably) the one a post woke; one that
   * timed out or was interrupted took none, and the clamp keeps the
   * estimate of blocked waiters from growing past the truth. */
  if (ok && r->woken)
    r->woken--;
  if (r->woken > r->waiting)
    r->woken = r->waiting;
  if (ok && r->id == tk.id)
    r->waits++;
  ss_spin_unlock(st);
}

SS_HIDDEN int ss_sem_peek(uintptr_t s, struct ss_sem_info *out) {
  ss_spin_t *st;
  struct ss_sem_rec *r = find(s, 0, &st);
  int found = r && r->id;
  if (found)
    snapshot(r, out);
  ss_spin_unlock(st);
  return found;
}

static void forget_waiters(void *rec, void *arg) {
  (void)arg;
  struct ss_sem_rec *r = rec;
  r->waiting = r->woken = 0;
}

SS_HIDDEN void ss_sem_table_fork_child(void) { ss_pool_foreach(&pool, forget_waiters, NULL); }
