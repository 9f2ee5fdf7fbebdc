/* The barrier table (barrier_table.h). */
#include "barrier_table.h"

#include <string.h>

#include "barrier_flags.h"

#define BUCKET_BITS 12
#define NBUCKETS (1u << BUCKET_BITS)

static struct ss_barrier *recs; /* [cap], mapped at start-up */
static uint32_t cap;
static uint32_t nrecs;             /* records handed out; release store after filling */
static uint32_t buckets[NBUCKETS]; /* index + 1 of a chain's newest record, 0 empty */
static ss_spin_t table_lock SS_RUNTIME_LOCK;
static int full_warned;

/* The barriers a thread uses, direct-mapped by address: the record, the
 * incarnation the thread registered as a user of, and its user slot (-1
 * past SS_BARRIER_USERS). A thread's loop over one barrier finds it here
 * every time, so only its first arrival scans the record's users. */
#define CACHE_WAYS 8
struct ref {
  uintptr_t addr;
  struct ss_barrier *b;
  uint32_t gen;
  int32_t user;
};
static __thread struct ref cache[CACHE_WAYS];

static uint32_t bucket_of(uintptr_t addr) {
  return (uint32_t)(ss_mix64(addr) & (NBUCKETS - 1));
}

SS_HIDDEN void ss_barrier_table_init(void) {
  cap = (uint32_t)ss_barrier_flags.max_barriers;
  if (cap)
    recs = ss_map((size_t)cap * sizeof(*recs));
  if (!recs)
    cap = 0;
}

SS_HIDDEN struct ss_barrier *ss_barrier_find(uintptr_t addr) {
  uint32_t i = __atomic_load_n(&buckets[bucket_of(addr)], __ATOMIC_ACQUIRE);
  while (i) {
    struct ss_barrier *b = &recs[i - 1];
    if (b->addr == addr)
      return b;
    i = __atomic_load_n(&b->next, __ATOMIC_RELAXED);
  }
  return NULL;
}

SS_HIDDEN struct ss_barrier *ss_barrier_get(uintptr_t addr, uint32_t kind) {
  struct ss_barrier *b = ss_barrier_find(addr);
  if (b)
    return b;
  ss_spin_lock(&table_lock);
  b = ss_barrier_find(addr); /* another thread may have made it meanwhile */
  if (!b && nrecs < cap) {
    uint32_t h = bucket_of(addr);
    b = &recs[nrecs];
    b->addr = addr;
    b->kind = kind;
    b->next = buckets[h];
    /* The record is filled before it is reachable: lock-free finders see
     * it whole. */
    __atomic_store_n(&nrecs, nrecs + 1, __ATOMIC_RELEASE);
    __atomic_store_n(&buckets[h], (uint32_t)(b - recs) + 1, __ATOMIC_RELEASE);
  }
  ss_spin_unlock(&table_lock);
  if (!b)
    ss_warn_once(&full_warned,
                 "more than max_barriers=%ld barriers and OpenMP teams; later ones are "
                 "not checked\n",
                 ss_barrier_flags.max_barriers);
  return b;
}

SS_HIDDEN uint32_t ss_barrier_used(void) { return __atomic_load_n(&nrecs, __ATOMIC_ACQUIRE); }
SS_HIDDEN struct ss_barrier *ss_barrier_at(uint32_t i) { return &recs[i]; }

SS_HIDDEN void ss_barrier_reset(struct ss_barrier *b, uint32_t count,
                                const struct syncsan_site *site, uint32_t tid) {
  __atomic_store_n(&b->gen, b->gen + 1, __ATOMIC_RELAXED);
  __atomic_store_n(&b->state, SS_BAR_LIVE, __ATOMIC_RELAXED);
  __atomic_store_n(&b->count, count, __ATOMIC_RELAXED);
  __atomic_store_n(&b->narrived, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&b->phase, 0, __ATOMIC_RELAXED);
  b->nusers = 0;
  b->users_lost = 0;
  b->pool_reported = 0;
  b->drops = 0;
  b->init_site = site;
  b->init_tid = tid;
  b->destroy_site = NULL;
}

/* The thread's user slot in b's current incarnation, registering it when
 * new (under b->lock). */
static int32_t user_slot(struct ss_barrier *b, struct ref *r, uint32_t tid, int *new_user) {
  if (r->b == b && r->addr == b->addr && r->gen == b->gen)
    return r->user;
  int32_t slot = -1, free_slot = -1;
  for (uint32_t i = 0; i < b->nusers; i++) {
    if (b->users[i].exited) {
      if (free_slot < 0)
        free_slot = (int32_t)i;
    } else if (b->users[i].tid == tid) {
      slot = (int32_t)i;
      break;
    }
  }
  if (slot < 0) {
    *new_user = 1;
    if (free_slot < 0 && b->nusers < SS_BARRIER_USERS) {
      free_slot = (int32_t)b->nusers;
      __atomic_store_n(&b->nusers, b->nusers + 1, __ATOMIC_RELAXED);
    }
    slot = free_slot;
    if (slot >= 0) {
      b->users[slot].tid = tid;
      b->users[slot].arrived_plus1 = 0;
      b->users[slot].exited = 0;
    } else {
      b->users_lost++;
    }
  }
  r->addr = b->addr;
  r->b = b;
  r->gen = b->gen;
  r->user = slot;
  return slot;
}

/* Under b->lock: n arrivals in the current phase; 1 if they complete it
 * (the next phase starts, with the count lowered by the phase's drops). */
static int count_arrivals(struct ss_barrier *b, uint32_t n) {
  n += b->narrived;
  int done = n >= b->count;
  if (done) {
    __atomic_store_n(&b->phase, b->phase + 1, __ATOMIC_RELAXED);
    if (b->drops) {
      __atomic_store_n(&b->count, b->count > b->drops ? b->count - b->drops : 0,
                       __ATOMIC_RELAXED);
      b->drops = 0;
    }
    n = 0;
  }
  __atomic_store_n(&b->narrived, n, __ATOMIC_RELAXED);
  return done;
}

SS_HIDDEN void ss_barrier_drop_next(struct ss_barrier *b) {
  ss_spin_lock(&b->lock);
  if (b->state == SS_BAR_LIVE)
    b->drops++;
  ss_spin_unlock(&b->lock);
}

SS_HIDDEN void ss_barrier_add_arrivals(struct ss_barrier *b, uint32_t n) {
  ss_spin_lock(&b->lock);
  if (b->state == SS_BAR_LIVE && n) {
    for (uint32_t i = b->narrived; i < b->narrived + n && i < SS_BARRIER_ARRIVED; i++) {
      b->arrived[i].tid = SS_BARRIER_ANON;
      b->arrived[i].sync_kind = 0;
      b->arrived[i].site = NULL;
    }
    count_arrivals(b, n);
  }
  ss_spin_unlock(&b->lock);
}

SS_HIDDEN struct ss_barrier *ss_barrier_arrive(uintptr_t addr, uint32_t kind, uint32_t tid,
                                               const struct syncsan_site *site,
                                               uint32_t sync_kind,
                                               struct ss_barrier_arrive *out) {
  memset(out, 0, sizeof(*out));
  struct ref *r = &cache[(ss_mix64(addr) >> 7) & (CACHE_WAYS - 1)];
  struct ss_barrier *b = r->addr == addr ? r->b : NULL;
  if (!b) {
    b = ss_barrier_get(addr, kind);
    if (!b)
      return NULL;
  }
  ss_spin_lock(&b->lock);
  out->state = b->state;
  out->gen = b->gen;
  out->count = b->count;
  out->phase = b->phase;
  if (b->state != SS_BAR_LIVE) {
    out->narrived = b->narrived;
    ss_spin_unlock(&b->lock);
    return b;
  }
  out->known = 1;
  int32_t slot = user_slot(b, r, tid, &out->new_user);
  out->nusers = b->nusers + b->users_lost;
  uint64_t mark = b->phase + 1;
  if (slot >= 0) {
    /* With more live users than the count, the model's phases can differ
     * from the real barrier's (which thread's arrival completes which
     * phase depends on its internal order): that is reported instead. */
    out->double_wait = b->users[slot].arrived_plus1 == mark && !b->pool_reported;
    for (uint32_t i = 0; out->double_wait && i < b->narrived && i < SS_BARRIER_ARRIVED; i++)
      if (b->arrived[i].tid == tid) {
        out->first_site = b->arrived[i].site;
        break;
      }
    b->users[slot].arrived_plus1 = mark;
  }
  uint32_t n = b->narrived;
  if (n < SS_BARRIER_ARRIVED) {
    b->arrived[n].tid = tid;
    b->arrived[n].sync_kind = sync_kind;
    b->arrived[n].site = site;
  }
  out->narrived = n + 1;
  out->completes = count_arrivals(b, 1);
  ss_spin_unlock(&b->lock);
  return b;
}

SS_HIDDEN void ss_barrier_table_fork_child(void) {
  uint32_t n = ss_barrier_used();
  for (uint32_t i = 0; i < n; i++) {
    struct ss_barrier *b = &recs[i];
    b->lock.v = 0;
    b->narrived = 0;
    b->nusers = 0;
    b->users_lost = 0;
    b->seen_valid = 0;
  }
  memset(cache, 0, sizeof(cache));
}
