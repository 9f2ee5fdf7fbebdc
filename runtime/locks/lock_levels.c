/* Lock-level policy file and the level API. */
#include "lock_levels.h"

#include <stdlib.h>
#include <string.h>

#include "lock_flags.h"
#include "lock_table.h"
#include "core/suppress.h"
#include "lock_thread.h"

#define POLICY_MAX 256

struct policy {
  const char *pattern;
  int32_t level;
  uint32_t ordered;
};

static char policy_text[65536];
static struct policy policies[POLICY_MAX];
static unsigned npolicies; /* written at start-up only */

static char *next_word(char **p) {
  char *s = *p;
  while (*s == ' ' || *s == '\t' || *s == '=')
    s++;
  if (!*s)
    return NULL;
  char *w = s;
  while (*s && *s != ' ' && *s != '\t' && *s != '=')
    s++;
  if (*s)
    *s++ = 0;
  *p = s;
  return w;
}

SS_HIDDEN void ss_levels_init(void) {
  const char *path = ss_lock_flags.lock_levels;
  if (!path || !*path)
    return;
  ss_read_config(path, "lock_levels", policy_text, sizeof(policy_text));
  unsigned lineno = 0;
  char *cursor = policy_text, *line;
  while ((line = ss_next_line(&cursor))) {
    lineno++;
    char *hash = strchr(line, '#');
    if (hash)
      *hash = 0;
    char *p = line;
    char *pattern = next_word(&p);
    if (!pattern)
      continue;
    char *lvl = next_word(&p);
    char *flag = next_word(&p);
    char *end;
    long v = lvl ? strtol(lvl, &end, 0) : 0;
    if (!lvl || *end || v <= 0 || v > 65535 || (flag && strcmp(flag, "ordered"))) {
      ss_printf("==%d==syncsan: %s:%u: expected '<name-pattern> <level 1..65535> [ordered]'\n",
                ss_pid(), path, lineno);
      ss_die();
    }
    if (npolicies == POLICY_MAX) {
      ss_printf("==%d==syncsan: %s: more than %d levels; the rest are ignored\n", ss_pid(),
                path, POLICY_MAX);
      break;
    }
    policies[npolicies].pattern = pattern;
    policies[npolicies].level = (int32_t)v;
    policies[npolicies].ordered = flag != NULL;
    npolicies++;
  }
}

SS_HIDDEN void ss_levels_policy_lookup(const char *const *names, int n, int32_t *level,
                                       uint32_t *ordered) {
  for (unsigned i = 0; i < npolicies; i++)
    for (int k = 0; k < n; k++)
      if (names[k] && ss_glob_match(policies[i].pattern, names[k])) {
        *level = policies[i].level;
        *ordered = policies[i].ordered;
        return;
      }
}

/* ---- public API ---- */

static void set_level(void *lock, int level, int ordered) {
  if (!lock)
    return;
  ss_lock_thread_get();
  if (level < 0 || level > 65535) {
    ss_printf("==%d==syncsan: syncsan_lock_set_level(%p, %d): levels are 1..65535 (0 "
              "clears); ignored\n",
              ss_pid(), lock, level);
    return;
  }
  ss_lock_set_level((uintptr_t)lock, SS_KIND_COUNT, level, ordered);
}

SS_EXPORT void syncsan_lock_set_level(void *lock, int level) { set_level(lock, level, 0); }

SS_EXPORT void syncsan_lock_set_level_ordered(void *lock, int level) {
  set_level(lock, level, 1);
}

SS_EXPORT void syncsan_lock_nested(void *lock, unsigned subclass) {
  struct ss_lock_thread *t = ss_lock_thread_get();
  t->nest_addr = (uintptr_t)lock;
  t->nest_subclass = subclass;
}
