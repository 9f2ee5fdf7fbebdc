/* What the pass emits for annotated queue functions, written out by hand
 * so that the runtime's queue checks are tested without the pass's queue
 * support: one constant descriptor per function, and per call a site and
 * the begin / call (or timed loop) / end sequence of <syncsan/abi_queue.h>.
 * The wrappers are always inlined, so that every site names the caller's
 * line, as the pass's would.
 *
 * Queues: Inputs/bq.h (a bounded blocking queue) and Inputs/spsc.h (a
 * lock-free ring). Each function has the declaration it would have:
 *   struct bq *bq_new(unsigned cap)  "create handle=result capacity=arg0 ok=nonnull"
 *   int bq_push(q, v)                "push blocking ok=zero timed=bq_push_for"
 *   int bq_try_push(q, v)            "push ok=zero"
 *   int bq_pop(q, &v)                "pop blocking ok=zero timed=bq_pop_for"
 *   int bq_pop (BQ_POP_STRICT)       "pop blocking ok=zero strict_close timed=bq_pop_for"
 *   int bq_pop (BQ_POP_NOTIMED)      "pop blocking ok=zero" (no timed form)
 *   int bq_try_pop(q, &v)            "pop ok=zero"
 *   void bq_close(q)                 "close"
 *   void bq_free(q)                  "destroy"
 *   void spsc_init(r, cap)           "create capacity=arg1"
 *   int spsc_try_push(r, v)          "push ok=nonzero"
 *   int spsc_try_pop(r, &v)          "pop ok=nonzero" */
#ifndef QTEST_QWRAP_H
#define QTEST_QWRAP_H
#include <stdint.h>

#include "syncsan/abi_queue.h"

#include "bq.h"
#ifndef __cplusplus /* the ring is C11 atomics */
#include "spsc.h"
#endif

#define QW_INLINE static inline __attribute__((always_inline))
#define QSITE(op_)                                                                           \
  ({                                                                                         \
    static const struct syncsan_site s_ = {__FILE__, __func__, NULL, __LINE__, 3, (op_), 0}; \
    &s_;                                                                                     \
  })

#define QW_DESC(var, fn, role, ok, flags, handle, caparg)                                    \
  static const struct syncsan_queue_desc var = {fn,                                          \
                                                "qwrap.h:1",                                 \
                                                SYNCSAN_QUEUE_ROLE_##role,                   \
                                                SYNCSAN_QUEUE_OK_##ok,                       \
                                                (flags),                                     \
                                                (handle),                                    \
                                                (caparg),                                    \
                                                0};
QW_DESC(qw_bq_new, "bq_new", CREATE, NONNULL, 0, SYNCSAN_QUEUE_HANDLE_RESULT, 0)
QW_DESC(qw_bq_push, "bq_push", PUSH, ZERO, SYNCSAN_QUEUE_BLOCKING | SYNCSAN_QUEUE_HAS_TIMED, 0,
        SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_bq_try_push, "bq_try_push", PUSH, ZERO, 0, 0, SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_bq_pop, "bq_pop", POP, ZERO, SYNCSAN_QUEUE_BLOCKING | SYNCSAN_QUEUE_HAS_TIMED, 0,
        SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_bq_pop_strict, "bq_pop", POP, ZERO,
        SYNCSAN_QUEUE_BLOCKING | SYNCSAN_QUEUE_HAS_TIMED | SYNCSAN_QUEUE_STRICT_CLOSE, 0,
        SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_bq_pop_notimed, "bq_pop", POP, ZERO, SYNCSAN_QUEUE_BLOCKING, 0, SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_bq_try_pop, "bq_try_pop", POP, ZERO, 0, 0, SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_bq_close, "bq_close", CLOSE, ALWAYS, 0, 0, SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_bq_free, "bq_free", DESTROY, ALWAYS, 0, 0, SYNCSAN_QUEUE_NO_ARG)
#ifndef __cplusplus
QW_DESC(qw_spsc_init, "spsc_init", CREATE, ALWAYS, 0, 0, 1)
QW_DESC(qw_spsc_push, "spsc_try_push", PUSH, NONZERO, 0, 0, SYNCSAN_QUEUE_NO_ARG)
QW_DESC(qw_spsc_pop, "spsc_try_pop", POP, NONZERO, 0, 0, SYNCSAN_QUEUE_NO_ARG)
#endif

QW_INLINE struct bq *qw_new(unsigned cap, const struct syncsan_site *s) {
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &qw_bq_new, NULL, cap, s);
  struct bq *q = bq_new(cap);
  __syncsan_queue_end(&c, (int64_t)(intptr_t)q);
  return q;
}

/* A push or pop with a timed form: the pass's timed loop. */
#define QW_TIMED(desc, q, call, timed_call)                                                  \
  struct syncsan_queue_call c;                                                               \
  int r_;                                                                                     \
  if (__syncsan_queue_begin(&c, &(desc), (q), 0, s) == SYNCSAN_QUEUE_CALL_TIMED) {           \
    do                                                                                       \
      r_ = timed_call;                                                                       \
    while (__syncsan_queue_timed_again(&c, (int64_t)r_));                                     \
  } else {                                                                                   \
    r_ = call;                                                                               \
  }                                                                                          \
  __syncsan_queue_end(&c, (int64_t)r_);                                                      \
  return r_;

#define QW_PLAIN(desc, q, call)                                                              \
  struct syncsan_queue_call c;                                                               \
  __syncsan_queue_begin(&c, &(desc), (q), 0, s);                                             \
  int r_ = call;                                                                             \
  __syncsan_queue_end(&c, (int64_t)r_);                                                      \
  return r_;

QW_INLINE int qw_push(struct bq *q, int v, const struct syncsan_site *s) {
  QW_TIMED(qw_bq_push, q, bq_push(q, v), bq_push_for(q, v, (long)__syncsan_queue_timeout_ms(&c)))
}
QW_INLINE int qw_try_push(struct bq *q, int v, const struct syncsan_site *s) {
  QW_PLAIN(qw_bq_try_push, q, bq_try_push(q, v))
}
QW_INLINE int qw_pop(struct bq *q, int *v, const struct syncsan_site *s) {
  QW_TIMED(qw_bq_pop, q, bq_pop(q, v), bq_pop_for(q, v, (long)__syncsan_queue_timeout_ms(&c)))
}
QW_INLINE int qw_pop_strict(struct bq *q, int *v, const struct syncsan_site *s) {
  QW_TIMED(qw_bq_pop_strict, q, bq_pop(q, v),
           bq_pop_for(q, v, (long)__syncsan_queue_timeout_ms(&c)))
}
QW_INLINE int qw_pop_notimed(struct bq *q, int *v, const struct syncsan_site *s) {
  QW_PLAIN(qw_bq_pop_notimed, q, bq_pop(q, v))
}
QW_INLINE int qw_try_pop(struct bq *q, int *v, const struct syncsan_site *s) {
  QW_PLAIN(qw_bq_try_pop, q, bq_try_pop(q, v))
}
QW_INLINE void qw_close(struct bq *q, const struct syncsan_site *s) {
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &qw_bq_close, q, 0, s);
  bq_close(q);
  __syncsan_queue_end(&c, 0);
}
QW_INLINE void qw_free(struct bq *q, const struct syncsan_site *s) {
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &qw_bq_free, q, 0, s);
  bq_free(q);
  __syncsan_queue_end(&c, 0);
}
#ifndef __cplusplus
QW_INLINE void qw_spsc_init_(struct spsc *r, unsigned cap, const struct syncsan_site *s) {
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &qw_spsc_init, r, cap, s);
  spsc_init(r, cap);
  __syncsan_queue_end(&c, 0);
}
QW_INLINE int qw_spsc_push_(struct spsc *r, int v, const struct syncsan_site *s) {
  QW_PLAIN(qw_spsc_push, r, spsc_try_push(r, v))
}
QW_INLINE int qw_spsc_pop_(struct spsc *r, int *v, const struct syncsan_site *s) {
  QW_PLAIN(qw_spsc_pop, r, spsc_try_pop(r, v))
}
#endif

#define BQ_NEW(cap) qw_new((cap), QSITE(SYNCSAN_OP_QUEUE_CREATE))
#define BQ_PUSH(q, v) qw_push((q), (v), QSITE(SYNCSAN_OP_QUEUE_SEND))
#define BQ_TRY_PUSH(q, v) qw_try_push((q), (v), QSITE(SYNCSAN_OP_QUEUE_SEND))
#define BQ_POP(q, v) qw_pop((q), (v), QSITE(SYNCSAN_OP_QUEUE_RECV))
#define BQ_POP_STRICT(q, v) qw_pop_strict((q), (v), QSITE(SYNCSAN_OP_QUEUE_RECV))
#define BQ_POP_NOTIMED(q, v) qw_pop_notimed((q), (v), QSITE(SYNCSAN_OP_QUEUE_RECV))
#define BQ_TRY_POP(q, v) qw_try_pop((q), (v), QSITE(SYNCSAN_OP_QUEUE_RECV))
#define BQ_CLOSE(q) qw_close((q), QSITE(SYNCSAN_OP_QUEUE_CLOSE))
#define BQ_FREE(q) qw_free((q), QSITE(SYNCSAN_OP_QUEUE_DESTROY))
#define SPSC_INIT(r, cap) qw_spsc_init_((r), (cap), QSITE(SYNCSAN_OP_QUEUE_CREATE))
#define SPSC_PUSH(r, v) qw_spsc_push_((r), (v), QSITE(SYNCSAN_OP_QUEUE_SEND))
#define SPSC_POP(r, v) qw_spsc_pop_((r), (v), QSITE(SYNCSAN_OP_QUEUE_RECV))
#endif
