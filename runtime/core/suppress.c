/* Suppressions: "<check-id>:<pattern>" lines, as the sanitizers' files. */
#include "suppress.h"

#include <string.h>

#include "check_ids.h"
#include "config_file.h"
#include "flags.h"

#define SUPP_MAX 256

struct supp {
  const char *check;
  const char *pattern;
  unsigned long hits;
  unsigned line; /* in the file, for messages about a later line */
};

static char supp_text[65536]; /* the file, split in place */
static struct supp supps[SUPP_MAX];
static unsigned nsupps; /* written once at start-up, read-only after */

SS_HIDDEN int ss_glob_match(const char *p, const char *s) {
  const char *star = NULL, *resume = NULL;
  while (*s) {
    if (*p == '*') {
      star = p++;
      resume = s;
    } else if (*p == '?' || *p == *s) {
      p++;
      s++;
    } else if (star) {
      p = star + 1;
      s = ++resume;
    } else {
      return 0;
    }
  }
  while (*p == '*')
    p++;
  return *p == 0;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  char *e = s + strlen(s);
  while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
    *--e = 0;
  return s;
}

SS_HIDDEN void ss_suppress_init(void) {
  const char *path = ss_flags.suppressions;
  if (!path || !*path)
    return;
  struct ss_config c;
  ss_config_read(&c, "suppressions", path, supp_text, sizeof(supp_text));
  char *l;
  while ((l = ss_config_line(&c))) {
    char *colon = strchr(l, ':');
    if (!colon || colon == l || !colon[1 + strspn(colon + 1, " \t")])
      ss_config_error(&c, "expected '<check-id>:<pattern>', got '%s'", l);
    *colon = 0;
    const char *check = trim(l), *pattern = trim(colon + 1);
    /* A misspelt ID would suppress nothing, and say nothing. */
    if (strcmp(check, "*") && !ss_check_id_known(check))
      ss_config_error(&c, "unknown check ID '%s' (docs/checks.md lists them; '*' is any)",
                      check);
    for (unsigned i = 0; i < nsupps; i++)
      if (!strcmp(supps[i].check, check) && !strcmp(supps[i].pattern, pattern))
        ss_config_error(&c, "duplicate suppression '%s:%s' (first on line %u)", check,
                        pattern, supps[i].line);
    if (nsupps == SUPP_MAX)
      ss_config_error(&c, "more than %d suppressions", SUPP_MAX);
    supps[nsupps].check = check;
    supps[nsupps].pattern = pattern;
    supps[nsupps].line = c.line;
    nsupps++;
  }
}

static int match_one(struct supp *sp, const char *check, const struct syncsan_site *site,
                     const char *const *names) {
  if (strcmp(sp->check, "*") && strcmp(sp->check, check))
    return 0;
  if (site && (ss_glob_match(sp->pattern, site->function) ||
               ss_glob_match(sp->pattern, site->file)))
    return 1;
  /* A pattern also matches a path's tail, so "foo.c" matches "/src/foo.c". */
  if (site) {
    const char *base = strrchr(site->file, '/');
    if (base && ss_glob_match(sp->pattern, base + 1))
      return 1;
  }
  for (; names && *names; names++)
    if (ss_glob_match(sp->pattern, *names))
      return 1;
  return 0;
}

SS_HIDDEN int ss_suppressed_names(const char *check, const struct syncsan_site *site,
                                  const char *const *names) {
  for (unsigned i = 0; i < nsupps; i++) {
    if (match_one(&supps[i], check, site, names)) {
      __atomic_fetch_add(&supps[i].hits, 1, __ATOMIC_RELAXED);
      return 1;
    }
  }
  return 0;
}

/* A table in text; with log_format=json one object per suppression used.
 * Patterns are the file's text: escaped in both, and cut to 1000 bytes,
 * so that a line always fits its buffer (escaping at most sextuples). */
SS_HIDDEN void ss_suppress_print_stats(void) {
  if (!ss_flags.print_suppressions)
    return;
  int json = ss_log_json(), any = 0;
  for (unsigned i = 0; i < nsupps; i++) {
    unsigned long h = __atomic_load_n(&supps[i].hits, __ATOMIC_RELAXED);
    if (!h)
      continue;
    char pattern[1001], buf[8192];
    size_t n = strnlen(supps[i].pattern, sizeof(pattern) - 1);
    memcpy(pattern, supps[i].pattern, n);
    pattern[n] = 0;
    struct ss_buf b = {buf, sizeof(buf), 0};
    if (json) {
      ss_buf_printf(&b, "{\"tool\":\"syncsan\",\"pid\":%d,\"suppression\":{\"check\":",
                    ss_pid());
      ss_buf_json_string(&b, supps[i].check);
      ss_buf_printf(&b, ",\"pattern\":");
      ss_buf_json_string(&b, pattern);
      ss_buf_printf(&b, ",\"count\":%lu}}\n", h);
    } else {
      if (!any++)
        ss_buf_printf(&b, "Suppressions used:\n  count  suppression\n");
      ss_buf_printf(&b, "  %5lu  ", h);
      ss_buf_text(&b, supps[i].check, 0);
      ss_buf_printf(&b, ":");
      ss_buf_text(&b, pattern, 0);
      ss_buf_printf(&b, "\n");
    }
    ss_log_write(buf, b.len);
  }
}
