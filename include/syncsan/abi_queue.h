/* The pass-runtime contract for queue operations.
 *
 * C has no standard queue, so the program says which of its functions are
 * queue operations: an annotation on the declaration (SYNCSAN_QUEUE in
 * <syncsan/syncsan.h>) or a line of a spec file, both in one grammar (see
 * docs/queues.md). The pass emits one constant descriptor per annotated
 * function and wraps every direct call of it:
 *
 *     struct syncsan_queue_call c;                      (on the stack)
 *     mode = __syncsan_queue_begin(&c, &desc, handle, capacity, &site);
 *     if (mode == SYNCSAN_QUEUE_CALL_TIMED) {
 *       do r = timed_form(args..., __syncsan_queue_timeout_ms(&c));
 *       while (__syncsan_queue_timed_again(&c, (int64_t)r));
 *     } else {
 *       r = function(args...);                          (exactly once)
 *     }
 *     __syncsan_queue_end(&c, (int64_t)r);    (__syncsan_queue_unwind(&c)
 *     ... uses of r ...                        on an invoke's unwind edge)
 *
 * The function is called with the caller's arguments, unchanged, and its
 * result is the caller's: wrapping never changes what the queue does. The
 * timed form is called instead only when the queue's stall recovery is on
 * (a stall listener is registered, or the queue's policy says fail), for a
 * blocking operation whose declaration names one (timed=NAME): then a
 * stalled push or pop can be made to fail the way the declaration says it
 * fails (SYNCSAN_QUEUE_OK_*), which no wrapper could do to a call already
 * blocked inside the program's own code.
 *
 * The built-in queues (POSIX message queues, GLib's GAsyncQueue) are rows
 * of <syncsan/intercept.h> (group QUEUE); their hooks in runtime/queues/
 * describe the operation with a descriptor of their own and go through
 * the same four entry points.
 *
 * Bump SYNCSAN_QUEUE_ABI_VERSION on any incompatible change; the layouts
 * below are baked into compiled descriptors and call records. */
#ifndef SYNCSAN_ABI_QUEUE_H
#define SYNCSAN_ABI_QUEUE_H

#include <stdint.h>

#include "syncsan/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SYNCSAN_QUEUE_ABI_VERSION 1

/* What a function does to its queue: X(enumerator suffix, the spelling in
 * annotations and spec files). Append only. */
#define SYNCSAN_QUEUE_ROLE_LIST(X)                                                           \
  X(CREATE, "create")   /* makes or initialises a queue (capacity, if known) */             \
  X(PUSH, "push")       /* enqueues one item */                                             \
  X(POP, "pop")         /* dequeues one item */                                             \
  X(CLOSE, "close")     /* no more pushes; pops drain what is left */                       \
  X(DESTROY, "destroy") /* the queue is gone; its handle may be reused */

enum syncsan_queue_role {
  SYNCSAN_QUEUE_ROLE_NONE = 0,
#define SYNCSAN_QUEUE_ROLE_ENUM(name, str) SYNCSAN_QUEUE_ROLE_##name,
  SYNCSAN_QUEUE_ROLE_LIST(SYNCSAN_QUEUE_ROLE_ENUM)
#undef SYNCSAN_QUEUE_ROLE_ENUM
  SYNCSAN_QUEUE_ROLE_COUNT
};

/* How the result says the operation took effect (ok=... in a declaration).
 * A push or pop whose result says it did not (a full queue's "try" push,
 * an empty queue's pop, a timeout) changes no count but the failed ones. */
#define SYNCSAN_QUEUE_OK_LIST(X)                                                             \
  X(ALWAYS, "always")   /* void, or the result says nothing: it always took effect */       \
  X(NONZERO, "nonzero") /* non-zero (true) */                                               \
  X(ZERO, "zero")       /* 0; anything else is an error code (errno style) */               \
  X(NONNULL, "nonnull") /* a non-NULL pointer */                                            \
  X(NONNEG, "nonneg")   /* >= 0; negative (-1, errno set) on failure */

enum syncsan_queue_ok {
#define SYNCSAN_QUEUE_OK_ENUM(name, str) SYNCSAN_QUEUE_OK_##name,
  SYNCSAN_QUEUE_OK_LIST(SYNCSAN_QUEUE_OK_ENUM)
#undef SYNCSAN_QUEUE_OK_ENUM
  SYNCSAN_QUEUE_OK_COUNT
};

/* Descriptor flags. */
#define SYNCSAN_QUEUE_BLOCKING 0x1u     /* push waits while full, pop while empty */
#define SYNCSAN_QUEUE_STRICT_CLOSE 0x2u /* pop: calling it on a closed, drained queue is
                                           a bug (queue-recv-after-close), not how the
                                           consumer learns of the close */
#define SYNCSAN_QUEUE_HAS_TIMED 0x4u    /* blocking push/pop with a timed form (timed=) */
#define SYNCSAN_QUEUE_BUILTIN 0x8u      /* runtime-only: a built-in queue's hook */

/* The handle is the result (create: q = queue_new(...)). */
#define SYNCSAN_QUEUE_HANDLE_RESULT (-1)
/* No capacity argument. */
#define SYNCSAN_QUEUE_NO_ARG (-1)

/* One constant descriptor per queue function a module calls, emitted by
 * the pass as a private constant. Layout in IR:
 * { ptr, ptr, i32, i32, i32, i32, i32, i32 }. */
struct syncsan_queue_desc {
  const char *function; /* the function, as declared (demangled for C++) */
  const char *declared; /* where its role was declared, "file:line" (an
                           annotated declaration or a spec file's line) */
  uint32_t role;        /* enum syncsan_queue_role */
  uint32_t ok;          /* enum syncsan_queue_ok */
  uint32_t flags;       /* SYNCSAN_QUEUE_* */
  int32_t handle;       /* parameter index of the queue, or SYNCSAN_QUEUE_HANDLE_RESULT */
  int32_t capacity_arg; /* create: parameter index of the capacity, or NO_ARG */
  uint32_t capacity;    /* create: the declared constant capacity; 0 unknown */
};

/* The state of one wrapped call, on the caller's stack (the pass allocas
 * it, 8-byte aligned); its contents are the runtime's. */
struct syncsan_queue_call {
  uint64_t state[8];
};

#define SYNCSAN_QUEUE_CALL_PLAIN 0u /* call the function itself, once */
#define SYNCSAN_QUEUE_CALL_TIMED 1u /* call its timed form, as long as timed_again says */

/* Before the call. handle: the queue (for a create whose handle is the
 * result, NULL); capacity: a create's capacity argument converted to an
 * integer (desc->capacity when it has none; 0 unknown). Returns
 * SYNCSAN_QUEUE_CALL_*; CALL_TIMED only for a descriptor with
 * SYNCSAN_QUEUE_HAS_TIMED. */
uint32_t __syncsan_queue_begin(struct syncsan_queue_call *c, const struct syncsan_queue_desc *d,
                               void *handle, uint64_t capacity, const struct syncsan_site *site);
/* The timeout argument (milliseconds, > 0) for the next timed call. */
int64_t __syncsan_queue_timeout_ms(struct syncsan_queue_call *c);
/* After a timed call that returned r: 1 to call the timed form again (it
 * timed out and the stall budget is not spent, or a listener said keep
 * waiting), 0 when r stands (it succeeded, or recovery makes it fail).
 * It may also end the process (stall action abort). */
uint32_t __syncsan_queue_timed_again(struct syncsan_queue_call *c, int64_t r);
/* After the call: r is the result converted to an integer (a pointer's
 * address, a signed result sign-extended, a bool zero-extended; 0 for a
 * void function). */
void __syncsan_queue_end(struct syncsan_queue_call *c, int64_t r);
/* Instead of end, when the call (an invoke) threw: the operation is taken
 * to have had no effect, and the call record is released. */
void __syncsan_queue_unwind(struct syncsan_queue_call *c);

#ifdef __cplusplus
}
#endif

#endif /* SYNCSAN_ABI_QUEUE_H */
