/* A lock-free single-producer single-consumer ring of ints: test input.
 * Its operations never block: a push on a full ring and a pop on an
 * empty one return 0. */
#ifndef QTEST_SPSC_H
#define QTEST_SPSC_H
#include <stdatomic.h>
#include <stdlib.h>

struct spsc {
  unsigned cap;
  int *items;
  _Alignas(64) atomic_uint head; /* the consumer's */
  _Alignas(64) atomic_uint tail; /* the producer's */
};

static void spsc_init(struct spsc *r, unsigned cap) {
  r->cap = cap;
  r->items = calloc(cap, sizeof(int));
  atomic_init(&r->head, 0);
  atomic_init(&r->tail, 0);
}

static int spsc_try_push(struct spsc *r, int v) {
  unsigned t = atomic_load_explicit(&r->tail, memory_order_relaxed);
  if (t - atomic_load_explicit(&r->head, memory_order_acquire) == r->cap)
    return 0;
  r->items[t % r->cap] = v;
  atomic_store_explicit(&r->tail, t + 1, memory_order_release);
  return 1;
}

static int spsc_try_pop(struct spsc *r, int *v) {
  unsigned h = atomic_load_explicit(&r->head, memory_order_relaxed);
  if (atomic_load_explicit(&r->tail, memory_order_acquire) == h)
    return 0;
  *v = r->items[h % r->cap];
  atomic_store_explicit(&r->head, h + 1, memory_order_release);
  return 1;
}

static void spsc_fini(struct spsc *r) { free(r->items); }
#endif
