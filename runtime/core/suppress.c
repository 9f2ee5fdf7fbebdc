/* Suppressions: "<check-id>:<pattern>" lines, as the sanitizers' files. */
#include "suppress.h"

#include <string.h>

#include "flags.h"

#define SUPP_MAX 256

struct supp {
  const char *check;
  const char *pattern;
  unsigned long hits;
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
  while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
    *--e = 0;
  return s;
}

SS_HIDDEN void ss_suppress_init(void) {
  const char *path = ss_flags.suppressions;
  if (!path || !*path)
    return;
  ss_read_config(path, "suppressions", supp_text, sizeof(supp_text));
  unsigned lineno = 0;
  char *cursor = supp_text, *line;
  while ((line = ss_next_line(&cursor))) {
    lineno++;
    char *l = trim(line);
    if (!*l || *l == '#')
      continue;
    char *colon = strchr(l, ':');
    if (!colon || colon == l || !colon[1]) {
      ss_printf("==%d==syncsan: %s:%u: expected '<check-id>:<pattern>', got '%s'\n",
                ss_pid(), path, lineno, l);
      ss_die();
    }
    *colon = 0;
    if (nsupps == SUPP_MAX) {
      ss_printf("==%d==syncsan: %s: more than %d suppressions; the rest are ignored\n",
                ss_pid(), path, SUPP_MAX);
      break;
    }
    supps[nsupps].check = trim(l);
    supps[nsupps].pattern = trim(colon + 1);
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

SS_HIDDEN void ss_suppress_print_stats(void) {
  if (!ss_flags.print_suppressions)
    return;
  int any = 0;
  for (unsigned i = 0; i < nsupps; i++) {
    unsigned long h = __atomic_load_n(&supps[i].hits, __ATOMIC_RELAXED);
    if (!h)
      continue;
    if (!any++)
      ss_printf("Suppressions used:\n  count  suppression\n");
    ss_printf("  %5lu  %s:%s\n", h, supps[i].check, supps[i].pattern);
  }
}
