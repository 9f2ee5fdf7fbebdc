/* The record pool (pool.h). */
#include "pool.h"

#include <string.h>

/* A chunk's header; its records follow, 64-byte aligned. */
struct ss_pool_chunk {
  struct ss_pool_chunk *next;
  uint32_t n; /* records handed out from it (under the pool's lock) */
};
#define CHUNK_HEADER 64u

static inline char *chunk_record(struct ss_pool_chunk *c, const struct ss_pool *p, uint32_t i) {
  return (char *)c + CHUNK_HEADER + (size_t)i * p->size;
}

SS_HIDDEN void *ss_pool_alloc(struct ss_pool *p, uint32_t *id) {
  char *rec = NULL;
  ss_spin_lock(p->lock);
  if (p->free_list) {
    rec = p->free_list;
    memcpy(&p->free_list, rec + p->link, sizeof(void *));
  } else if (p->live < p->max) {
    struct ss_pool_chunk *c = p->chunks;
    if (!c || c->n == p->per_chunk) {
      struct ss_pool_chunk *fresh = ss_map(CHUNK_HEADER + (size_t)p->per_chunk * p->size);
      if (fresh) {
        fresh->next = c;
        __atomic_store_n(&p->chunks, fresh, __ATOMIC_RELEASE);
        c = fresh;
      }
    }
    if (c && c->n < p->per_chunk) {
      rec = chunk_record(c, p, c->n);
      __atomic_store_n(&c->n, c->n + 1, __ATOMIC_RELEASE);
    }
  }
  if (rec) {
    p->live++;
    if (id)
      *id = p->next_id++;
  }
  ss_spin_unlock(p->lock);
  if (!rec)
    ss_warn_once(&p->warned, "more than %s%lu %s; %s\n", p->limit, p->max, p->what, p->past);
  return rec;
}

SS_HIDDEN void ss_pool_free(struct ss_pool *p, void *rec) {
  ss_spin_lock(p->lock);
  memcpy((char *)rec + p->link, &p->free_list, sizeof(void *));
  p->free_list = rec;
  p->live--;
  ss_spin_unlock(p->lock);
}

SS_HIDDEN uint32_t ss_pool_new_id(struct ss_pool *p) {
  ss_spin_lock(p->lock);
  uint32_t id = p->next_id++;
  ss_spin_unlock(p->lock);
  return id;
}

SS_HIDDEN void ss_pool_foreach(struct ss_pool *p, void (*fn)(void *rec, void *arg), void *arg) {
  for (struct ss_pool_chunk *c = __atomic_load_n(&p->chunks, __ATOMIC_ACQUIRE); c; c = c->next) {
    uint32_t n = __atomic_load_n(&c->n, __ATOMIC_ACQUIRE);
    for (uint32_t i = 0; i < n; i++)
      fn(chunk_record(c, p, i), arg);
  }
}

SS_HIDDEN void *ss_map_once(void **slot, size_t bytes) {
  void *have = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (SS_LIKELY(have))
    return have;
  void *mine = ss_map(bytes);
  if (!mine)
    return NULL;
  void *expected = NULL;
  if (__atomic_compare_exchange_n(slot, &expected, mine, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
    return mine;
  ss_unmap(mine, bytes);
  return expected;
}
