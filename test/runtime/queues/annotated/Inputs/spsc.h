/* A lock-free single-producer single-consumer ring of ints, declared to
 * syncsan with annotations: non-blocking push and pop that say success
 * with a non-zero result. A test input. With SPSC_BROKEN_CAPACITY 1 the
 * producer's fullness test is off by one, so the ring holds one item more
 * than its declared capacity (it has the slot: cap + 1). */
#ifndef TEST_SPSC_H
#define TEST_SPSC_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include <syncsan/syncsan.h>

struct spsc {
  /* head: next pop (the consumer's), tail: next push (the producer's), on
   * lines of their own so that the two sides do not falsely share one. */
  _Alignas(64) _Atomic unsigned long head;
  _Alignas(64) _Atomic unsigned long tail;
  _Alignas(64) unsigned cap; /* the declared capacity */
  int *slots;                /* cap + 1 slots */
};

struct spsc *spsc_new(unsigned cap) SYNCSAN_QUEUE("create handle=result capacity=arg0");
bool spsc_push(struct spsc *r, int v) SYNCSAN_QUEUE("push ok=nonzero");
bool spsc_pop(struct spsc *r, int *v) SYNCSAN_QUEUE("pop ok=nonzero");
void spsc_free(struct spsc *r) SYNCSAN_QUEUE("destroy");

#ifndef SPSC_BROKEN_CAPACITY
#define SPSC_BROKEN_CAPACITY 0
#endif

struct spsc *spsc_new(unsigned cap) {
  struct spsc *r = aligned_alloc(64, sizeof(*r));
  if (!r)
    return NULL;
  atomic_init(&r->head, 0);
  atomic_init(&r->tail, 0);
  r->cap = cap;
  r->slots = calloc(cap + 1, sizeof(int));
  return r;
}

bool spsc_push(struct spsc *r, int v) {
  unsigned long t = atomic_load_explicit(&r->tail, memory_order_relaxed);
  unsigned long h = atomic_load_explicit(&r->head, memory_order_acquire);
  if (t - h >= r->cap + SPSC_BROKEN_CAPACITY)
    return false;
  r->slots[t % (r->cap + 1)] = v;
  atomic_store_explicit(&r->tail, t + 1, memory_order_release);
  return true;
}

bool spsc_pop(struct spsc *r, int *v) {
  unsigned long h = atomic_load_explicit(&r->head, memory_order_relaxed);
  unsigned long t = atomic_load_explicit(&r->tail, memory_order_acquire);
  if (h == t)
    return false;
  *v = r->slots[h % (r->cap + 1)];
  atomic_store_explicit(&r->head, h + 1, memory_order_release);
  return true;
}

void spsc_free(struct spsc *r) {
  free(r->slots);
  free(r);
}
#endif
