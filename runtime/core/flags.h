#ifndef SYNCSAN_FLAGS_H
#define SYNCSAN_FLAGS_H
#include "internal.h"

typedef int ss_flag_bool;
typedef long ss_flag_int;
typedef const char *ss_flag_str;

struct ss_flags {
#define SS_FLAG(type, name, def, desc) ss_flag_##type name;
#include "flags.def"
#undef SS_FLAG
};

SS_HIDDEN extern struct ss_flags ss_flags;

/* Parses defaults, then __syncsan_default_options(), then SYNCSAN_OPTIONS.
 * Unknown names and bad values are reported and ignored. */
SS_HIDDEN void ss_flags_init(void);
SS_HIDDEN void ss_flags_print_help(void);
/* Parses one "a=1:b=2" string into ss_flags (exposed for unit tests). */
SS_HIDDEN int ss_flags_parse(const char *s, const char *origin);
#endif
