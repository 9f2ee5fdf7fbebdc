/* Runtime options. Each list of options is an X-macro file of
 * SS_FLAG(type, name, default, description) lines: the core's own
 * (flags.def) and one per family that has options. From a list, the macros
 * below generate the options struct, its defaults and the descriptors the
 * one parser (flags.c) and help=1 work from. */
#ifndef SYNCSAN_FLAGS_H
#define SYNCSAN_FLAGS_H
#include "internal.h"

typedef int ss_flag_bool;
typedef long ss_flag_int;
typedef const char *ss_flag_str;

enum ss_flag_kind { SS_FLAG_KIND_bool, SS_FLAG_KIND_int, SS_FLAG_KIND_str };

struct ss_flag_desc {
  const char *name;
  enum ss_flag_kind kind;
  void *ptr;
  const char *desc;
};

/* With `#define SS_FLAG SS_FLAG_FIELD`, a list declares struct members;
 * with SS_FLAG_DEFAULT, designated initialisers; with SS_FLAG_DESC (and
 * SS_FLAG_VAR naming the struct variable), descriptors. */
#define SS_FLAG_FIELD(type, name, def, desc) ss_flag_##type name;
#define SS_FLAG_DEFAULT(type, name, def, desc) .name = def,
#define SS_FLAG_DESC(type, name, def, desc) {#name, SS_FLAG_KIND_##type, &SS_FLAG_VAR.name, desc},

struct ss_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "flags.def"
#undef SS_FLAG
};

/* The options every family shares. */
SS_HIDDEN extern struct ss_flags ss_flags;

/* Parses defaults, then __syncsan_default_options(), then SYNCSAN_OPTIONS,
 * into the core's options and every family's. Unknown names and bad values
 * are reported and ignored. */
SS_HIDDEN void ss_flags_init(void);
SS_HIDDEN void ss_flags_print_help(void);
/* Parses one "a=1:b=2" string (exposed for unit tests). */
SS_HIDDEN int ss_flags_parse(const char *s, const char *origin);
#endif
