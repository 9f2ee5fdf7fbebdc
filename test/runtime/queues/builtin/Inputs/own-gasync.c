/* A program's own functions with GLib's GAsyncQueue names (as a static
 * libglib would define them in the executable): a small ring, no GLib. */
#include <stdlib.h>

struct ring {
  void *items[16];
  unsigned head, tail;
};

void *g_async_queue_new(void) { return calloc(1, sizeof(struct ring)); }

void g_async_queue_push(void *q, void *item) {
  struct ring *r = q;
  r->items[r->tail++ % 16] = item;
}

void *g_async_queue_try_pop(void *q) {
  struct ring *r = q;
  return r->head == r->tail ? NULL : r->items[r->head++ % 16];
}

void g_async_queue_unref(void *q) { free(q); }
