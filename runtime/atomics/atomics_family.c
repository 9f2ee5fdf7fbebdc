/* The atomics family as the core runs it: only options. Its checks keep no
 * per-thread state and need no start-up (atomic_report.c's table of
 * reported sites is static). */
#include "atomics_family.h"

SS_HIDDEN struct ss_atomic_flags ss_atomic_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "atomic_flags.def"
#undef SS_FLAG
};

#define SS_FLAG_VAR ss_atomic_flags
static const struct ss_flag_desc atomic_flag_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "atomic_flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

SS_HIDDEN const struct ss_family ss_atomics_family = {
    .name = "atomics",
    .flags = atomic_flag_descs,
    .nflags = SS_ARRAY_SIZE(atomic_flag_descs),
};
