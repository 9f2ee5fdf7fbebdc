/* The entry points for calls through function pointers, one per row of
 * <syncsan/intercept.h> (prototypes in <syncsan/hooks.h>).
 *
 * The pass rewrites direct calls into hooks with a site of their own, but a
 * call through a pointer (a lock-ops table { pthread_mutex_lock,
 * pthread_mutex_unlock }, a callback) has no callee to rewrite. So the pass
 * replaces the function's address itself, wherever it is taken, by the
 * row's entry here: the same signature, and a body that calls the row's
 * hook with a constant site naming the operation and flagged
 * SYNCSAN_SITE_INDIRECT (where the call was is not known). Lock and unlock
 * then meet in the runtime however each was reached.
 *
 * Generated from the table, and compiled against the prototypes, so an
 * entry cannot drift from its row. It lives beside the composition root
 * because it forwards to every family's hooks; it includes no family
 * header, only the table's prototypes. */
#include "syncsan/hooks.h"

#include "core/internal.h"

/* The row's parameter types with names (a0, a1, ...), and the names alone.
 * __typeof__ names a function-pointer type without a declarator to nest
 * the name in (pthread_create's start routine). Rows have 1 to 4. */
#define SS_COUNT(...) SS_COUNT_(__VA_ARGS__, 4, 3, 2, 1, 0)
#define SS_COUNT_(a, b, c, d, n, ...) n
#define SS_CAT(a, b) SS_CAT_(a, b)
#define SS_CAT_(a, b) a##b
#define SS_NAMED(...) SS_CAT(SS_NAMED_, SS_COUNT(__VA_ARGS__))(__VA_ARGS__)
#define SS_NAMED_1(t0) __typeof__(t0) a0
#define SS_NAMED_2(t0, t1) __typeof__(t0) a0, __typeof__(t1) a1
#define SS_NAMED_3(t0, t1, t2) __typeof__(t0) a0, __typeof__(t1) a1, __typeof__(t2) a2
#define SS_NAMED_4(t0, t1, t2, t3)                                                          \
  __typeof__(t0) a0, __typeof__(t1) a1, __typeof__(t2) a2, __typeof__(t3) a3
#define SS_NAMES(...) SS_CAT(SS_NAMES_, SS_COUNT(__VA_ARGS__))
#define SS_NAMES_1 a0
#define SS_NAMES_2 a0, a1
#define SS_NAMES_3 a0, a1, a2
#define SS_NAMES_4 a0, a1, a2, a3

/* A void function returns nothing (C has no `return void-expression;`). */
#define SS_RETURN_ZERO return
#define SS_RETURN_THRD return
#define SS_RETURN_VOID

#define SS_INDIRECT_ENTRY(name, op, group, ret, params, handle, success)                    \
  static const struct syncsan_site ss_indirect_site_##name = {                              \
      "<unknown file>", "<unknown caller>", NULL, 0, 0, SYNCSAN_OP_##op,                    \
      SYNCSAN_SITE_INDIRECT | SYNCSAN_SITE_NO_DEBUG_INFO};                                  \
  SS_EXPORT ret __syncsan_indirect_##name(SS_NAMED params) {                                \
    SS_RETURN_##success __syncsan_##name(SS_NAMES params, &ss_indirect_site_##name);        \
  }
SYNCSAN_INTERCEPTED_CALLS(SS_INDIRECT_ENTRY)
#undef SS_INDIRECT_ENTRY
