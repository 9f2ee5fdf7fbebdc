/* Runtime options. Each list of options is an X-macro file of
 * SS_FLAG(type, name, default, valid, description) lines: the core's own
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

/* What values an option accepts. A value outside them is reported and the
 * option keeps the value it had, so the runtime never runs on a setting
 * its code was not written for. */
enum ss_flag_rule {
  SS_RULE_BOOL,          /* 0, 1, true, false */
  SS_RULE_RANGE,         /* an integer in min..max */
  SS_RULE_POW2,          /* a power of two in min..max */
  SS_RULE_ONE_OF,        /* one of the words of `values`, '|'-separated */
  SS_RULE_NONEMPTY,      /* any string but the empty one */
  SS_RULE_EMPTY_IS_NONE, /* any string; empty names no file */
};

struct ss_flag_valid {
  enum ss_flag_rule rule;
  long min, max;
  const char *values;
};

/* The `valid` field of an SS_FLAG line. */
#define SS_BOOL {SS_RULE_BOOL, 0, 1, 0}
#define SS_RANGE(lo, hi) {SS_RULE_RANGE, lo, hi, 0}
#define SS_POW2(lo, hi) {SS_RULE_POW2, lo, hi, 0}
#define SS_ONE_OF(words) {SS_RULE_ONE_OF, 0, 0, words}
#define SS_NONEMPTY {SS_RULE_NONEMPTY, 0, 0, 0}
#define SS_EMPTY_IS_NONE {SS_RULE_EMPTY_IS_NONE, 0, 0, 0}

struct ss_flag_desc {
  const char *name;
  enum ss_flag_kind kind;
  void *ptr;
  const char *desc;
  struct ss_flag_valid valid;
};

/* With `#define SS_FLAG SS_FLAG_FIELD`, a list declares struct members;
 * with SS_FLAG_DEFAULT, designated initialisers; with SS_FLAG_DESC (and
 * SS_FLAG_VAR naming the struct variable), descriptors. */
#define SS_FLAG_FIELD(type, name, def, valid, desc) ss_flag_##type name;
#define SS_FLAG_DEFAULT(type, name, def, valid, desc) .name = def,
#define SS_FLAG_DESC(type, name, def, valid, desc)                                             \
  {#name, SS_FLAG_KIND_##type, &SS_FLAG_VAR.name, desc, valid},

struct ss_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "flags.def"
#undef SS_FLAG
};

/* The options every family shares. */
SS_HIDDEN extern struct ss_flags ss_flags;

/* Parses defaults, then __syncsan_default_options(), then SYNCSAN_OPTIONS,
 * into the core's options and every family's. Unknown names and bad values
 * are reported and ignored: the option keeps its previous value. */
SS_HIDDEN void ss_flags_init(void);
SS_HIDDEN void ss_flags_print_help(void);
/* Parses one "a=1:b=2" string (exposed for unit tests). */
SS_HIDDEN int ss_flags_parse(const char *s, const char *origin);
/* The first option, of the core's and every family's, whose current value
 * its rule refuses (or whose rule does not fit its type); NULL if none.
 * For unit tests: every default must pass. */
SS_HIDDEN const char *ss_flags_first_invalid(void);
#endif
