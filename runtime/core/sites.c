/* What the runtime knows about sites: the caller-site slot the pass writes
 * around system-header wrappers, and the printable names of operations. */
#include "internal.h"

SS_EXPORT __thread const struct syncsan_site *__syncsan_caller_site;

static const char *const op_names[] = {
#define SS_OP_NAME(name, str) str,
    SYNCSAN_OP_LIST(SS_OP_NAME)
#undef SS_OP_NAME
};

SS_HIDDEN const char *ss_op_name(uint32_t op) {
  return op < SS_ARRAY_SIZE(op_names) ? op_names[op] : "unknown";
}
