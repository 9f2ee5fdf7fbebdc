/* GLib's GAsyncQueue as a built-in queue: the hooks of the
 * g_async_queue_* rows of <syncsan/intercept.h>.
 *
 * A GAsyncQueue is unbounded: a push never blocks and never fails (GLib
 * refuses a NULL queue or item with a warning and pushes nothing, which
 * is then no push), g_async_queue_pop blocks while the queue is empty,
 * try_pop returns NULL when it is, timeout_pop NULL when its timeout (in
 * microseconds) passes first, remove takes one given item (TRUE when it
 * was there). The _unlocked forms are the same operations, called with
 * the queue's lock held. The queue is made by new or new_full (its handle
 * is the result) and destroyed by the unref that drops its last
 * reference (builtin_gasync_refs.h); a ref is no queue operation.
 *
 * Stall recovery: a g_async_queue_pop (_unlocked) that begin answers with
 * SYNCSAN_QUEUE_CALL_TIMED is made as g_async_queue_timeout_pop
 * (_unlocked) with the runtime's timeout, again as long as timed_again
 * says; one that recovery makes fail returns NULL, as a timed out pop
 * does.
 *
 * The functions are GLib's, found when first called (core/rows.h,
 * SS_IS_LAZY); each hook makes the real call once (or the timed loop
 * instead) with its arguments and returns its result. */
#include <stdint.h>

#include "syncsan/abi_queue.h"
#include "syncsan/hooks.h"

#include "builtin_gasync_refs.h"
#include "core/real.h"
#include "core/thread.h"

#define GQ_DESC(fn, role, ok, flags, handle)                                                 \
  static const struct syncsan_queue_desc desc_##fn = {#fn,                                  \
                                                      "<glib.h>",                           \
                                                      SYNCSAN_QUEUE_ROLE_##role,            \
                                                      SYNCSAN_QUEUE_OK_##ok,                \
                                                      (flags) | SYNCSAN_QUEUE_BUILTIN,      \
                                                      handle,                               \
                                                      SYNCSAN_QUEUE_NO_ARG,                 \
                                                      0};
#define GQ_BLOCKING_POP (SYNCSAN_QUEUE_BLOCKING | SYNCSAN_QUEUE_HAS_TIMED)

GQ_DESC(g_async_queue_new, CREATE, NONNULL, 0, SYNCSAN_QUEUE_HANDLE_RESULT)
GQ_DESC(g_async_queue_new_full, CREATE, NONNULL, 0, SYNCSAN_QUEUE_HANDLE_RESULT)
GQ_DESC(g_async_queue_unref, DESTROY, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_unref_and_unlock, DESTROY, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_push, PUSH, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_push_unlocked, PUSH, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_push_front, PUSH, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_push_front_unlocked, PUSH, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_push_sorted, PUSH, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_push_sorted_unlocked, PUSH, ALWAYS, 0, 0)
GQ_DESC(g_async_queue_pop, POP, NONNULL, GQ_BLOCKING_POP, 0)
GQ_DESC(g_async_queue_pop_unlocked, POP, NONNULL, GQ_BLOCKING_POP, 0)
GQ_DESC(g_async_queue_try_pop, POP, NONNULL, 0, 0)
GQ_DESC(g_async_queue_try_pop_unlocked, POP, NONNULL, 0, 0)
/* Blocking until the caller's own timeout. */
GQ_DESC(g_async_queue_timeout_pop, POP, NONNULL, SYNCSAN_QUEUE_BLOCKING, 0)
GQ_DESC(g_async_queue_timeout_pop_unlocked, POP, NONNULL, SYNCSAN_QUEUE_BLOCKING, 0)
GQ_DESC(g_async_queue_remove, POP, NONZERO, 0, 0)
GQ_DESC(g_async_queue_remove_unlocked, POP, NONZERO, 0, 0)

/* ---- making and dropping ---- */

static void *made(struct syncsan_queue_call *c, void *q) {
  ss_gasync_made(q);
  __syncsan_queue_end(c, (int64_t)(intptr_t)q);
  return q;
}

SS_EXPORT void *__syncsan_g_async_queue_new(const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(g_async_queue_new)();
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &desc_g_async_queue_new, NULL, 0, site);
  return made(&c, SS_REAL(g_async_queue_new)());
}

SS_EXPORT void *__syncsan_g_async_queue_new_full(void (*item_free)(void *),
                                                 const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()))
    return SS_REAL(g_async_queue_new_full)(item_free);
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &desc_g_async_queue_new_full, NULL, 0, site);
  return made(&c, SS_REAL(g_async_queue_new_full)(item_free));
}

SS_EXPORT void *__syncsan_g_async_queue_ref(void *q, const struct syncsan_site *site) {
  (void)site;
  if (SS_LIKELY(!ss_in_hook()))
    ss_gasync_ref(q);
  return SS_REAL(g_async_queue_ref)(q);
}

SS_EXPORT void __syncsan_g_async_queue_ref_unlocked(void *q, const struct syncsan_site *site) {
  (void)site;
  if (SS_LIKELY(!ss_in_hook()))
    ss_gasync_ref(q);
  SS_REAL(g_async_queue_ref_unlocked)(q);
}

/* The last reference's unref destroys the queue: the destroy is seen
 * before GLib frees it (its item_free function may run in between). */
static void unref(const struct syncsan_queue_desc *d, void (*real)(void *), void *q,
                  const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()) || !ss_gasync_unref(q)) {
    real(q);
    return;
  }
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, d, q, 0, site);
  real(q);
  __syncsan_queue_end(&c, 0);
}

SS_EXPORT void __syncsan_g_async_queue_unref(void *q, const struct syncsan_site *site) {
  unref(&desc_g_async_queue_unref, SS_REAL(g_async_queue_unref), q, site);
}

SS_EXPORT void __syncsan_g_async_queue_unref_and_unlock(void *q,
                                                        const struct syncsan_site *site) {
  unref(&desc_g_async_queue_unref_and_unlock, SS_REAL(g_async_queue_unref_and_unlock), q,
        site);
}

/* ---- pushes ---- */

static void push(const struct syncsan_queue_desc *d, void (*real)(void *, void *), void *q,
                 void *item, const struct syncsan_site *site) {
  /* GLib pushes nothing for a NULL queue or item (g_return_if_fail). */
  if (SS_UNLIKELY(ss_in_hook()) || !q || !item) {
    real(q, item);
    return;
  }
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, d, q, 0, site);
  real(q, item);
  __syncsan_queue_end(&c, 0);
}

#define GQ_PUSH_HOOK(fn)                                                                     \
  SS_EXPORT void __syncsan_##fn(void *q, void *item, const struct syncsan_site *site) {      \
    push(&desc_##fn, SS_REAL(fn), q, item, site);                                            \
  }
GQ_PUSH_HOOK(g_async_queue_push)
GQ_PUSH_HOOK(g_async_queue_push_unlocked)
GQ_PUSH_HOOK(g_async_queue_push_front)
GQ_PUSH_HOOK(g_async_queue_push_front_unlocked)
#undef GQ_PUSH_HOOK

typedef int (*gq_compare)(const void *, const void *, void *);

static void push_sorted(const struct syncsan_queue_desc *d,
                        void (*real)(void *, void *, gq_compare, void *), void *q, void *item,
                        gq_compare cmp, void *arg, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()) || !q || !item) {
    real(q, item, cmp, arg);
    return;
  }
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, d, q, 0, site);
  real(q, item, cmp, arg);
  __syncsan_queue_end(&c, 0);
}

SS_EXPORT void __syncsan_g_async_queue_push_sorted(void *q, void *item, gq_compare cmp,
                                                   void *arg, const struct syncsan_site *site) {
  push_sorted(&desc_g_async_queue_push_sorted, SS_REAL(g_async_queue_push_sorted), q, item,
              cmp, arg, site);
}

SS_EXPORT void __syncsan_g_async_queue_push_sorted_unlocked(void *q, void *item,
                                                            gq_compare cmp, void *arg,
                                                            const struct syncsan_site *site) {
  push_sorted(&desc_g_async_queue_push_sorted_unlocked,
              SS_REAL(g_async_queue_push_sorted_unlocked), q, item, cmp, arg, site);
}

/* ---- pops ---- */

static void *pop_blocking(const struct syncsan_queue_desc *d, void *(*pop)(void *),
                          void *(*timed)(void *, unsigned long), void *q,
                          const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()) || !q)
    return pop(q);
  struct syncsan_queue_call c;
  void *r;
  if (__syncsan_queue_begin(&c, d, q, 0, site) == SYNCSAN_QUEUE_CALL_TIMED) {
    do
      r = timed(q, (unsigned long)__syncsan_queue_timeout_ms(&c) * 1000ul);
    while (__syncsan_queue_timed_again(&c, (int64_t)(intptr_t)r));
  } else {
    r = pop(q);
  }
  __syncsan_queue_end(&c, (int64_t)(intptr_t)r);
  return r;
}

SS_EXPORT void *__syncsan_g_async_queue_pop(void *q, const struct syncsan_site *site) {
  return pop_blocking(&desc_g_async_queue_pop, SS_REAL(g_async_queue_pop),
                      SS_REAL(g_async_queue_timeout_pop), q, site);
}

SS_EXPORT void *__syncsan_g_async_queue_pop_unlocked(void *q,
                                                     const struct syncsan_site *site) {
  return pop_blocking(&desc_g_async_queue_pop_unlocked, SS_REAL(g_async_queue_pop_unlocked),
                      SS_REAL(g_async_queue_timeout_pop_unlocked), q, site);
}

static void *try_pop(const struct syncsan_queue_desc *d, void *(*real)(void *), void *q,
                     const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()) || !q)
    return real(q);
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, d, q, 0, site);
  void *r = real(q);
  __syncsan_queue_end(&c, (int64_t)(intptr_t)r);
  return r;
}

SS_EXPORT void *__syncsan_g_async_queue_try_pop(void *q, const struct syncsan_site *site) {
  return try_pop(&desc_g_async_queue_try_pop, SS_REAL(g_async_queue_try_pop), q, site);
}

SS_EXPORT void *__syncsan_g_async_queue_try_pop_unlocked(void *q,
                                                         const struct syncsan_site *site) {
  return try_pop(&desc_g_async_queue_try_pop_unlocked, SS_REAL(g_async_queue_try_pop_unlocked),
                 q, site);
}

static void *timeout_pop(const struct syncsan_queue_desc *d,
                         void *(*real)(void *, unsigned long), void *q, unsigned long us,
                         const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()) || !q)
    return real(q, us);
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, d, q, 0, site);
  void *r = real(q, us);
  __syncsan_queue_end(&c, (int64_t)(intptr_t)r);
  return r;
}

SS_EXPORT void *__syncsan_g_async_queue_timeout_pop(void *q, unsigned long us,
                                                    const struct syncsan_site *site) {
  return timeout_pop(&desc_g_async_queue_timeout_pop, SS_REAL(g_async_queue_timeout_pop), q,
                     us, site);
}

SS_EXPORT void *__syncsan_g_async_queue_timeout_pop_unlocked(void *q, unsigned long us,
                                                             const struct syncsan_site *site) {
  return timeout_pop(&desc_g_async_queue_timeout_pop_unlocked,
                     SS_REAL(g_async_queue_timeout_pop_unlocked), q, us, site);
}

static int remove_item(const struct syncsan_queue_desc *d, int (*real)(void *, void *),
                       void *q, void *item, const struct syncsan_site *site) {
  if (SS_UNLIKELY(ss_in_hook()) || !q || !item)
    return real(q, item);
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, d, q, 0, site);
  int r = real(q, item);
  __syncsan_queue_end(&c, r);
  return r;
}

SS_EXPORT int __syncsan_g_async_queue_remove(void *q, void *item,
                                             const struct syncsan_site *site) {
  return remove_item(&desc_g_async_queue_remove, SS_REAL(g_async_queue_remove), q, item, site);
}

SS_EXPORT int __syncsan_g_async_queue_remove_unlocked(void *q, void *item,
                                                      const struct syncsan_site *site) {
  return remove_item(&desc_g_async_queue_remove_unlocked,
                     SS_REAL(g_async_queue_remove_unlocked), q, item, site);
}
