/* SYNCSAN_OPTIONS parsing over the core's options (flags.def) and every
 * family's (their descriptor tables, from the composition root's table). */
#include "flags.h"

#include "family.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

SS_HIDDEN struct ss_flags ss_flags = {
#define SS_FLAG SS_FLAG_DEFAULT
#include "flags.def"
#undef SS_FLAG
};

/* Weak hook a program may define to bake options in, as the sanitizers'
 * __asan_default_options. SYNCSAN_OPTIONS overrides what it returns. */
SS_EXPORT __attribute__((weak)) const char *__syncsan_default_options(void) {
  return "";
}

#define SS_FLAG_VAR ss_flags
static const struct ss_flag_desc core_descs[] = {
#define SS_FLAG SS_FLAG_DESC
#include "flags.def"
#undef SS_FLAG
};
#undef SS_FLAG_VAR

/* The i-th descriptor table: the core's, then each family's in table
 * order. NULL past the last. */
static const struct ss_flag_desc *descs_at(unsigned i, unsigned *n) {
  if (i == 0) {
    *n = SS_ARRAY_SIZE(core_descs);
    return core_descs;
  }
  if (i - 1 >= ss_nfamilies)
    return NULL;
  /* A family without options (flags NULL) is an empty table, not the end
   * of the walk. */
  static const struct ss_flag_desc none[1];
  const struct ss_family *f = ss_families[i - 1];
  *n = f->flags ? f->nflags : 0;
  return f->flags ? f->flags : none;
}

static const struct ss_flag_desc *find_desc(const char *name, size_t nlen) {
  const struct ss_flag_desc *t;
  unsigned n;
  for (unsigned i = 0; (t = descs_at(i, &n)); i++)
    for (unsigned j = 0; j < n; j++)
      if (strlen(t[j].name) == nlen && memcmp(t[j].name, name, nlen) == 0)
        return &t[j];
  return NULL;
}

/* String values point into this arena, which outlives the process's use of
 * the options; no malloc. Options longer than it are refused. */
static char str_arena[8192];
static size_t str_used;

static const char *save_str(const char *s, size_t n) {
  if (str_used + n + 1 > sizeof(str_arena))
    return NULL;
  char *p = str_arena + str_used;
  memcpy(p, s, n);
  p[n] = 0;
  str_used += n + 1;
  return p;
}

/* Integers as strtol reads them with base 0 (decimal, 0x hex, 0 octal),
 * whole: trailing characters and values that overflow a long are refused. */
static int parse_long(const char *s, size_t n, long *out) {
  char tmp[32];
  if (n == 0 || n >= sizeof(tmp))
    return 0;
  memcpy(tmp, s, n);
  tmp[n] = 0;
  char *end;
  errno = 0;
  long v = strtol(tmp, &end, 0);
  if (*end || errno == ERANGE)
    return 0;
  *out = v;
  return 1;
}

static int int_ok(const struct ss_flag_valid *r, long v) {
  if (v < r->min || v > r->max)
    return 0;
  return r->rule == SS_RULE_RANGE || (r->rule == SS_RULE_POW2 && v > 0 && (v & (v - 1)) == 0);
}

static int one_of(const char *words, const char *s, size_t n) {
  for (const char *w = words; *w;) {
    size_t wlen = strcspn(w, "|");
    if (wlen == n && memcmp(w, s, n) == 0)
      return 1;
    w += wlen;
    if (*w)
      w++;
  }
  return 0;
}

static int str_ok(const struct ss_flag_valid *r, const char *s, size_t n) {
  switch (r->rule) {
  case SS_RULE_ONE_OF:
    return one_of(r->values, s, n);
  case SS_RULE_NONEMPTY:
    return n > 0;
  case SS_RULE_EMPTY_IS_NONE:
    return 1;
  default:
    return 0;
  }
}

/* The rule in words, for help=1 and for the message about a bad value. */
static void describe_rule(char *buf, size_t size, const struct ss_flag_valid *r) {
  switch (r->rule) {
  case SS_RULE_BOOL:
    ss_format(buf, size, "0 or 1");
    break;
  case SS_RULE_RANGE:
    ss_format(buf, size, "%ld..%ld", r->min, r->max);
    break;
  case SS_RULE_POW2:
    ss_format(buf, size, "a power of two in %ld..%ld", r->min, r->max);
    break;
  case SS_RULE_ONE_OF:
    ss_format(buf, size, "%s", r->values);
    break;
  case SS_RULE_NONEMPTY:
    ss_format(buf, size, "not empty");
    break;
  case SS_RULE_EMPTY_IS_NONE:
    ss_format(buf, size, "a file; empty for none");
    break;
  }
}

static void describe_value(char *buf, size_t size, const struct ss_flag_desc *d) {
  switch (d->kind) {
  case SS_FLAG_KIND_bool:
    ss_format(buf, size, "%d", *(ss_flag_bool *)d->ptr ? 1 : 0);
    break;
  case SS_FLAG_KIND_int:
    ss_format(buf, size, "%ld", *(ss_flag_int *)d->ptr);
    break;
  case SS_FLAG_KIND_str:
    ss_format(buf, size, "'%s'", *(ss_flag_str *)d->ptr);
    break;
  }
}

/* s[0, n) as a message may show it: cut to fit, control characters
 * escaped (an option's value is the program's environment). */
static const char *escaped(char *buf, size_t size, const char *s, size_t n) {
  char raw[128];
  if (n >= sizeof(raw))
    n = sizeof(raw) - 1;
  memcpy(raw, s, n);
  raw[n] = 0;
  return ss_esc(buf, size, raw);
}

static int set_flag(const char *name, size_t nlen, const char *val, size_t vlen,
                    const char *origin) {
  const struct ss_flag_desc *d = find_desc(name, nlen);
  char shown[300]; /* the program's environment, escaped for the message */
  if (!d) {
    ss_printf("==%d==syncsan: %s: unknown option '%s'; ignored (help=1 lists them)\n",
              ss_pid(), origin, escaped(shown, sizeof(shown), name, nlen));
    return 0;
  }
  long v;
  switch (d->kind) {
  case SS_FLAG_KIND_bool:
    if (vlen == 1 && (val[0] == '0' || val[0] == '1'))
      v = val[0] - '0';
    else if (vlen == 4 && !memcmp(val, "true", 4))
      v = 1;
    else if (vlen == 5 && !memcmp(val, "false", 5))
      v = 0;
    else
      break;
    *(ss_flag_bool *)d->ptr = (int)v;
    return 1;
  case SS_FLAG_KIND_int:
    if (!parse_long(val, vlen, &v) || !int_ok(&d->valid, v))
      break;
    *(ss_flag_int *)d->ptr = v;
    return 1;
  case SS_FLAG_KIND_str: {
    const char *s = str_ok(&d->valid, val, vlen) ? save_str(val, vlen) : NULL;
    if (!s)
      break;
    *(ss_flag_str *)d->ptr = s;
    return 1;
  }
  }
  char rule[96], kept[96], kept_shown[200];
  describe_rule(rule, sizeof(rule), &d->valid);
  describe_value(kept, sizeof(kept), d);
  ss_printf("==%d==syncsan: %s: bad value '%s' for option '%s'; ignored (valid: %s; "
            "keeping %s)\n",
            ss_pid(), origin, escaped(shown, sizeof(shown), val, vlen), d->name, rule,
            ss_esc(kept_shown, sizeof(kept_shown), kept));
  return 0;
}

/* Grammar, as the sanitizers': options separated by ':' (or spaces or
 * commas), each name=value. Values may be quoted with '"' or '\''. */
SS_HIDDEN int ss_flags_parse(const char *s, const char *origin) {
  int ok = 1;
  if (!s)
    return 1;
  while (*s) {
    while (*s == ':' || *s == ' ' || *s == ',' || *s == '\t' || *s == '\n')
      s++;
    if (!*s)
      break;
    const char *name = s;
    while (*s && *s != '=' && *s != ':' && *s != ' ' && *s != ',')
      s++;
    size_t nlen = (size_t)(s - name);
    if (*s != '=') {
      char shown[300];
      ss_printf("==%d==syncsan: %s: option '%s' has no value; ignored\n", ss_pid(), origin,
                escaped(shown, sizeof(shown), name, nlen));
      ok = 0;
      continue;
    }
    s++;
    const char *val = s;
    size_t vlen;
    if (*s == '"' || *s == '\'') {
      char q = *s++;
      val = s;
      while (*s && *s != q)
        s++;
      vlen = (size_t)(s - val);
      if (*s)
        s++;
    } else {
      while (*s && *s != ':' && *s != ' ' && *s != ',')
        s++;
      vlen = (size_t)(s - val);
    }
    ok &= set_flag(name, nlen, val, vlen, origin);
  }
  return ok;
}

SS_HIDDEN void ss_flags_init(void) {
  ss_flags_parse(__syncsan_default_options(), "__syncsan_default_options");
  ss_flags_parse(ss_getenv("SYNCSAN_OPTIONS"), "SYNCSAN_OPTIONS");
}

/* help=1 is a listing asked for, not a log: printed as text whatever
 * log_format says. */
static void help_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void help_line(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  size_t n = ss_vformat(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  ss_log_write(buf, n);
}

static void print_desc(const struct ss_flag_desc *d) {
  char rule[96], cur[96], esc[200];
  describe_rule(rule, sizeof(rule), &d->valid);
  describe_value(cur, sizeof(cur), d);
  help_line("\t%s\n\t\t- %s (%s; current %s)\n", d->name, d->desc, rule,
            ss_esc(esc, sizeof(esc), cur));
}

SS_HIDDEN void ss_flags_print_help(void) {
  help_line("Available flags for SyncSanitizer (SYNCSAN_OPTIONS=name=value:name=value):\n");
  const struct ss_flag_desc *t;
  unsigned n;
  for (unsigned i = 0; (t = descs_at(i, &n)); i++)
    for (unsigned j = 0; j < n; j++)
      print_desc(&t[j]);
}

SS_HIDDEN const char *ss_flags_first_invalid(void) {
  const struct ss_flag_desc *t;
  unsigned n;
  for (unsigned i = 0; (t = descs_at(i, &n)); i++)
    for (unsigned j = 0; j < n; j++) {
      const struct ss_flag_desc *d = &t[j];
      const char *s;
      int ok = 0;
      switch (d->kind) {
      case SS_FLAG_KIND_bool:
        ok = d->valid.rule == SS_RULE_BOOL;
        break;
      case SS_FLAG_KIND_int:
        ok = int_ok(&d->valid, *(ss_flag_int *)d->ptr);
        break;
      case SS_FLAG_KIND_str:
        s = *(ss_flag_str *)d->ptr;
        ok = s && str_ok(&d->valid, s, strlen(s));
        break;
      }
      if (!ok)
        return d->name;
    }
  return NULL;
}
