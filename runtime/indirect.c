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
#include "core/rows.h"

#define SS_INDIRECT_ENTRY(name, op, group, ret, params, handle, success)                    \
  static const struct syncsan_site ss_indirect_site_##name = {                              \
      "<unknown file>", "<unknown caller>", NULL, 0, 0, SYNCSAN_OP_##op,                    \
      SYNCSAN_SITE_INDIRECT | SYNCSAN_SITE_NO_DEBUG_INFO};                                  \
  SS_EXPORT ret __syncsan_indirect_##name(SS_NAMED params) {                                \
    SS_RETURN_##success __syncsan_##name(SS_NAMES_THEN params &ss_indirect_site_##name);    \
  }
SYNCSAN_INTERCEPTED_CALLS(SS_INDIRECT_ENTRY)
#undef SS_INDIRECT_ENTRY
