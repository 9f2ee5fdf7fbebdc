/* The placement policy file: its rules, parsed from text.
 *
 * One rule a line, first match wins:
 *   start <glob> <target>        the thread's start routine (symbol name)
 *   name <glob> <target>         the thread's name
 *   order <n>[-<m>] <target>     creation order: T<n> (the main thread is 0)
 *   default <target>             every thread no rule above matched
 * where <target> is `node <N>` (N the node's OS index, as libnuma and
 * numactl number it), `compact`, `scatter` (the keyword policies, for the
 * threads the rule matches) or `none` (not pinned). '#' starts a comment.
 *
 * The parser knows no topology (a unit test feeds it text); whether node N
 * exists is checked when the policy is loaded (place_policy.c), and is an
 * error naming the line too. Any error leaves no rule: the caller turns
 * the policy off, never runs half of it. */
#ifndef SYNCSAN_PLACE_RULES_H
#define SYNCSAN_PLACE_RULES_H
#include "core/internal.h"

#define SS_PLACE_MAX_RULES 64
#define SS_PLACE_GLOB_MAX 64

enum ss_place_match { SS_PLACE_START, SS_PLACE_NAME, SS_PLACE_ORDER, SS_PLACE_DEFAULT };
enum ss_place_target { SS_PLACE_NODE, SS_PLACE_COMPACT, SS_PLACE_SCATTER, SS_PLACE_NONE };

struct ss_place_rule {
  enum ss_place_match match;
  char glob[SS_PLACE_GLOB_MAX]; /* start, name */
  uint32_t lo, hi;              /* order: lo..hi inclusive */
  enum ss_place_target target;
  int node_os;                  /* SS_PLACE_NODE */
  unsigned line;                /* in the file, for messages and reports */
  char text[96];                /* the line as written, cut, for reports */
};

struct ss_place_rules {
  struct ss_place_rule rule[SS_PLACE_MAX_RULES];
  unsigned n;
  unsigned has_start, has_name; /* rules that need the symbol / the name */
};

/* Parses text (len bytes, need not end in NUL) into out. 0 on success; -1
 * with "<line>: <what is wrong, and what was expected>" in err (at most
 * errn bytes) and out->n == 0. *line_out, when not NULL, gets the line of
 * the error. */
SS_HIDDEN int ss_place_parse(const char *text, size_t len, struct ss_place_rules *out,
                             char *err, size_t errn, unsigned *line_out);
#endif
