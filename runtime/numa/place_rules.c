/* The policy file's parser (place_rules.h). */
#include "numa/place_rules.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 6
#define LINE_MAX_LEN 512

static int parse_u32(const char *s, uint32_t *out) {
  char *end;
  if (*s < '0' || *s > '9')
    return 0;
  unsigned long v = strtoul(s, &end, 10);
  if (*end || v > 0x7fffffffUL)
    return 0;
  *out = (uint32_t)v;
  return 1;
}

/* words[0..n) from the line; -1 when there are more than max. */
static int split(char *line, char **words, int max) {
  int n = 0;
  for (char *p = line;;) {
    p += strspn(p, " \t");
    if (!*p)
      return n;
    if (n == max)
      return -1;
    words[n++] = p;
    p += strcspn(p, " \t");
    if (*p)
      *p++ = 0;
  }
}

static const char *const TARGETS =
    "expected a target after the match: 'node <N>', 'compact', 'scatter' or 'none'";

/* The target in words[0..n); 1 when it is one and nothing follows it. */
static int parse_target(char **w, int n, struct ss_place_rule *r, char *err, size_t errn,
                        unsigned line) {
  if (n == 0) {
    ss_format(err, errn, "%u: %s", line, TARGETS);
    return 0;
  }
  int used = 1;
  if (!strcmp(w[0], "node")) {
    uint32_t v;
    if (n < 2 || !parse_u32(w[1], &v)) {
      ss_format(err, errn, "%u: expected a node number (its OS index) after 'node', got '%s'",
                line, n < 2 ? "" : w[1]);
      return 0;
    }
    r->target = SS_PLACE_NODE;
    r->node_os = (int)v;
    used = 2;
  } else if (!strcmp(w[0], "compact")) {
    r->target = SS_PLACE_COMPACT;
  } else if (!strcmp(w[0], "scatter")) {
    r->target = SS_PLACE_SCATTER;
  } else if (!strcmp(w[0], "none")) {
    r->target = SS_PLACE_NONE;
  } else {
    ss_format(err, errn, "%u: %s, got '%s'", line, TARGETS, w[0]);
    return 0;
  }
  if (n > used) {
    ss_format(err, errn, "%u: unexpected '%s' after the target", line, w[used]);
    return 0;
  }
  return 1;
}

static int parse_line(char *line, unsigned lineno, struct ss_place_rule *r, char *err,
                      size_t errn) {
  char *w[MAX_WORDS];
  memset(r, 0, sizeof(*r));
  r->line = lineno;
  ss_format(r->text, sizeof(r->text), "%s", line);
  int n = split(line, w, MAX_WORDS);
  if (n < 0) {
    ss_format(err, errn, "%u: too many words (a rule is '<match> <target>')", lineno);
    return 0;
  }
  const char *m = w[0];
  int rest = 1;
  if (!strcmp(m, "start") || !strcmp(m, "name")) {
    r->match = m[0] == 's' ? SS_PLACE_START : SS_PLACE_NAME;
    if (n < 2) {
      ss_format(err, errn, "%u: expected a pattern after '%s'", lineno, m);
      return 0;
    }
    if (strlen(w[1]) >= sizeof(r->glob)) {
      ss_format(err, errn, "%u: the pattern is longer than %d bytes", lineno,
                SS_PLACE_GLOB_MAX - 1);
      return 0;
    }
    memcpy(r->glob, w[1], strlen(w[1]) + 1);
    rest = 2;
  } else if (!strcmp(m, "order")) {
    r->match = SS_PLACE_ORDER;
    char *dash = n >= 2 ? strchr(w[1], '-') : NULL;
    if (dash)
      *dash = 0;
    if (n < 2 || !parse_u32(w[1], &r->lo) || (dash && !parse_u32(dash + 1, &r->hi))) {
      ss_format(err, errn, "%u: expected a thread number or range after 'order' (3, 3-5)",
                lineno);
      return 0;
    }
    if (!dash)
      r->hi = r->lo;
    if (r->hi == 0) {
      ss_format(err, errn, "%u: thread 0 is the main thread, which policies do not place "
                "(threads are numbered from 1 in creation order)", lineno);
      return 0;
    }
    if (r->hi < r->lo) {
      ss_format(err, errn, "%u: the range %u-%u is empty", lineno, r->lo, r->hi);
      return 0;
    }
    rest = 2;
  } else if (!strcmp(m, "default")) {
    r->match = SS_PLACE_DEFAULT;
  } else {
    ss_format(err, errn, "%u: unknown rule '%s' (expected start, name, order or default)",
              lineno, m);
    return 0;
  }
  return parse_target(w + rest, n - rest, r, err, errn, lineno);
}

SS_HIDDEN int ss_place_parse(const char *text, size_t len, struct ss_place_rules *out,
                             char *err, size_t errn, unsigned *line_out) {
  memset(out, 0, sizeof(*out));
  unsigned lineno = 0;
  const char *p = text, *end = text + len;
  int seen_default = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    lineno++;
    char line[LINE_MAX_LEN];
    size_t n = (size_t)(le - p);
    if (n >= sizeof(line)) {
      ss_format(err, errn, "%u: the line is longer than %d bytes", lineno, LINE_MAX_LEN - 1);
      goto fail;
    }
    memcpy(line, p, n);
    line[n] = 0;
    p = nl ? nl + 1 : end;
    if (memchr(line, 0, n)) {
      ss_format(err, errn, "%u: a NUL byte; policy files are text", lineno);
      goto fail;
    }
    /* '#' at the start or after a blank begins a comment (config_file.h). */
    for (char *h = line; (h = strchr(h, '#')); h++)
      if (h == line || h[-1] == ' ' || h[-1] == '\t') {
        *h = 0;
        break;
      }
    size_t l = strlen(line);
    while (l && (line[l - 1] == ' ' || line[l - 1] == '\t' || line[l - 1] == '\r'))
      line[--l] = 0;
    char *s = line + strspn(line, " \t");
    if (!*s)
      continue;
    if (out->n == SS_PLACE_MAX_RULES) {
      ss_format(err, errn, "%u: more than %d rules", lineno, SS_PLACE_MAX_RULES);
      goto fail;
    }
    struct ss_place_rule *r = &out->rule[out->n];
    if (!parse_line(s, lineno, r, err, errn))
      goto fail;
    if (seen_default) {
      ss_format(err, errn, "%u: a rule after the default rule would never match", lineno);
      goto fail;
    }
    seen_default |= r->match == SS_PLACE_DEFAULT;
    out->has_start |= r->match == SS_PLACE_START;
    out->has_name |= r->match == SS_PLACE_NAME;
    out->n++;
  }
  if (out->n == 0) {
    ss_format(err, errn, "%u: no rule (expected lines such as 'name io* node 1')", lineno);
    goto fail;
  }
  return 0;
fail:
  if (line_out)
    *line_out = lineno;
  memset(out, 0, sizeof(*out));
  return -1;
}
