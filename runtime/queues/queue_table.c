/* The queue table (queue_table.h). */
#include "queue_table.h"

#include <string.h>

#include "core/pool.h"
#include "core/thread.h"
#include "queue_flags.h"
#include "queue_policy.h"
#include "queue_profile.h"

#define NBUCKETS 4096u
#define CHUNK 64u

static struct ss_queue *buckets[NBUCKETS]; /* chains: atomic loads, changed under table_lock */
static ss_spin_t table_lock SS_RUNTIME_LOCK;
/* The records. A record freed and handed out again belongs to a new
 * incarnation (gen is bumped at both ends and never reset), so a call
 * still in flight on a destroyed queue finds its incarnation changed
 * rather than counting on the new queue. The pool's lock nests inside
 * table_lock. */
static ss_spin_t pool_lock SS_RUNTIME_LOCK;
static struct ss_pool pool = SS_POOL_INIT(struct ss_queue, free_next, CHUNK, 0, &pool_lock,
                                          "max_queues=", "live queues",
                                          "queues made past that are not checked");

static inline uint32_t bucket_of(uintptr_t h) { return (uint32_t)(ss_mix64(h) & (NBUCKETS - 1)); }

SS_HIDDEN void ss_queue_table_init(void) {
  pool.max = (unsigned long)ss_queue_flags.max_queues;
}

SS_HIDDEN struct ss_queue *ss_queue_find(uintptr_t handle) {
  if (!handle)
    return NULL;
  struct ss_queue *q = __atomic_load_n(&buckets[bucket_of(handle)], __ATOMIC_ACQUIRE);
  for (; q; q = __atomic_load_n(&q->next, __ATOMIC_ACQUIRE))
    if (__atomic_load_n(&q->handle, __ATOMIC_ACQUIRE) == handle)
      return q;
  return NULL;
}

/* Under table_lock. */
static struct ss_queue *find_locked(uintptr_t handle) {
  for (struct ss_queue *q = buckets[bucket_of(handle)]; q; q = q->next)
    if (q->handle == handle)
      return q;
  return NULL;
}

/* A record's figures and model start anew; its identity (handle, gen)
 * is the caller's. Under table_lock, before the record is reachable, or
 * for a new incarnation of a reachable one. */
static void reset(struct ss_queue *q, const struct syncsan_site *site, int keep_label) {
  __atomic_store_n(&q->closed, 0, __ATOMIC_RELAXED);
  if (!keep_label) {
    __atomic_store_n(&q->capacity, 0, __ATOMIC_RELAXED);
    q->name[0] = 0;
    q->named = 0;
    memset(&q->policy, 0, sizeof(q->policy));
    q->policy.stall_action = -1;
    __atomic_store_n(&q->recovery, 0, __ATOMIC_RELAXED);
  }
  __atomic_store_n(&q->sampled, 0, __ATOMIC_RELAXED);
  memset(q->cells, 0, sizeof(q->cells));
  __atomic_store_n(&q->push_blocked_ms, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&q->pop_blocked_ms, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&q->sample_seq, 0, __ATOMIC_RELAXED);
  q->create_site = site;
  q->create_desc = NULL;
  q->create_tid = ss_self.tid;
  q->close_site = NULL;
  q->close_desc = NULL;
  q->close_tid = 0;
  q->created_ns = ss_queue_now_ns();
  q->stalls = 0;
  q->occ_max = q->occ_sum = q->occ_n = 0;
  q->over_reported = 0;
  q->capacity_skip = q->capacity_backoff = 0;
  memset(q->ntids, 0, sizeof(q->ntids));
  memset(q->tids_lost, 0, sizeof(q->tids_lost));
  q->lat_n = 0;
  memset(q->hist, 0, sizeof(q->hist));
  q->nrecent = 0;
  q->bp_on = q->bp_reported = q->lat_reported = q->lat_seen = 0;
}

SS_HIDDEN struct ss_queue *ss_queue_get(uintptr_t handle, const struct syncsan_site *site,
                                        int *made) {
  *made = 0;
  if (!handle)
    return NULL;
  struct ss_queue *q = ss_queue_find(handle);
  if (q)
    return q;
  ss_spin_lock(&table_lock);
  q = find_locked(handle);
  if (!q && (q = ss_pool_alloc(&pool, NULL))) {
    uint32_t b = bucket_of(handle);
    reset(q, site, 0);
    __atomic_store_n(&q->gen, q->gen + 1, __ATOMIC_RELAXED);
    q->next = buckets[b];
    /* Filled before it is reachable: lock-free finders see it whole. */
    __atomic_store_n(&q->handle, handle, __ATOMIC_RELEASE);
    __atomic_store_n(&buckets[b], q, __ATOMIC_RELEASE);
    *made = 1;
  }
  ss_spin_unlock(&table_lock);
  if (*made)
    ss_queue_policy_apply(q);
  return q;
}

SS_HIDDEN struct ss_queue *ss_queue_created(uintptr_t handle, uint64_t capacity,
                                            const struct syncsan_site *site,
                                            const struct syncsan_queue_desc *d, uint32_t tid) {
  int made;
  struct ss_queue *q = ss_queue_get(handle, site, &made);
  if (!q)
    return NULL;
  if (!made) {
    /* Named or sized before its create, with nothing done to it: the same
     * queue. Anything else at the address was another queue (its destroy
     * was not seen), whose figures are kept for the profile. */
    int fresh = !ss_queue_pushes(q) && !ss_queue_pops(q) && !ss_queue_sum(q, 0, 1) &&
                !ss_queue_sum(q, 1, 1) &&
                !__atomic_load_n(&q->closed, __ATOMIC_RELAXED) && !q->create_site;
    if (!fresh)
      ss_queue_profile_keep(q);
    ss_spin_lock(&table_lock);
    reset(q, site, fresh);
    __atomic_store_n(&q->gen, q->gen + 1, __ATOMIC_RELEASE);
    ss_spin_unlock(&table_lock);
  }
  q->create_desc = d;
  q->create_tid = tid;
  if (capacity)
    __atomic_store_n(&q->capacity, capacity, __ATOMIC_RELAXED);
  if (!made)
    ss_queue_policy_apply(q);
  return q;
}

SS_HIDDEN void ss_queue_forget(uintptr_t handle) {
  struct ss_queue *q = ss_queue_find(handle);
  if (!q)
    return;
  ss_queue_profile_keep(q);
  ss_spin_lock(&table_lock);
  struct ss_queue **p = &buckets[bucket_of(handle)];
  while (*p && *p != q)
    p = &(*p)->next;
  if (*p) {
    /* Unlinked, then unkeyed: a finder already on it reads handle 0. */
    __atomic_store_n(p, q->next, __ATOMIC_RELEASE);
    __atomic_store_n(&q->handle, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&q->gen, q->gen + 1, __ATOMIC_RELEASE);
    /* A finder on q now stops at it (a miss, which ss_queue_get retries
     * under the lock). */
    __atomic_store_n(&q->next, NULL, __ATOMIC_RELEASE);
    ss_pool_free(&pool, q);
  }
  ss_spin_unlock(&table_lock);
}

struct foreach_arg {
  void (*fn)(struct ss_queue *q, void *arg);
  void *arg;
};
static void each_live(void *rec, void *arg) {
  struct ss_queue *q = rec;
  struct foreach_arg *a = arg;
  if (__atomic_load_n(&q->handle, __ATOMIC_ACQUIRE))
    a->fn(q, a->arg);
}

SS_HIDDEN void ss_queue_foreach(void (*fn)(struct ss_queue *q, void *arg), void *arg) {
  struct foreach_arg a = {fn, arg};
  ss_pool_foreach(&pool, each_live, &a);
}

SS_HIDDEN int ss_queue_any(void) { return __atomic_load_n(&pool.chunks, __ATOMIC_ACQUIRE) != NULL; }

SS_HIDDEN uint32_t ss_queue_note_side(struct ss_queue *q, int side, uint32_t tid) {
  ss_spin_lock(&q->lock);
  uint32_t n = q->ntids[side], cell = SS_QUEUE_SHARED_CELL;
  for (uint32_t i = 0; i < n; i++)
    if (q->tids[side][i] == tid)
      cell = i;
  if (cell == SS_QUEUE_SHARED_CELL) {
    if (n < SS_QUEUE_SIDE_TIDS) {
      /* The cell is zero (reset) before the count that adds it to sums. */
      q->tids[side][n] = tid;
      cell = n;
      __atomic_store_n(&q->ntids[side], n + 1, __ATOMIC_RELEASE);
    } else {
      q->tids_lost[side]++;
    }
  }
  ss_spin_unlock(&q->lock);
  return cell;
}

static void fork_reset(void *rec, void *arg) {
  (void)arg;
  struct ss_queue *q = rec;
  q->lock.v = 0;
  q->bp_on = 0;
}

SS_HIDDEN void ss_queue_table_fork_child(void) { ss_pool_foreach(&pool, fork_reset, NULL); }
