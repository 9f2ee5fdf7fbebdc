/* Lock-level policy file and the level API. */
#include "lock_levels.h"

#include <stdlib.h>
#include <string.h>

#include "lock_flags.h"
#include "lock_table.h"
#include "core/config_file.h"
#include "core/suppress.h"
#include "lock_thread.h"

#define POLICY_MAX 256

struct policy {
  const char *pattern;
  int32_t level;
  uint32_t ordered;
  unsigned line; /* in the file, for messages about a later line */
};

static char policy_text[65536];
static struct policy policies[POLICY_MAX];
static unsigned npolicies; /* written at start-up only */

/* A policy line's words, separated by blanks or '=' ("mu=5" reads as
 * "mu 5"). Counts every word; fills at most `max`. */
struct word {
  char *s;
  size_t n;
};

static unsigned split_words(char *line, struct word *w, unsigned max) {
  unsigned n = 0;
  for (char *p = line + strspn(line, " \t="); *p; p += strspn(p, " \t=")) {
    size_t len = strcspn(p, " \t=");
    if (n < max)
      w[n] = (struct word){p, len};
    n++;
    p += len;
  }
  return n;
}

static int parse_level(const struct word *w, int32_t *level) {
  char tmp[16];
  if (w->n >= sizeof(tmp))
    return 0;
  memcpy(tmp, w->s, w->n);
  tmp[w->n] = 0;
  char *end;
  long v = strtol(tmp, &end, 0);
  if (end == tmp || *end || v <= 0 || v > 65535)
    return 0;
  *level = (int32_t)v;
  return 1;
}

SS_HIDDEN void ss_levels_init(void) {
  const char *path = ss_lock_flags.lock_levels;
  if (!path || !*path)
    return;
  struct ss_config c;
  ss_config_read(&c, "lock_levels", path, policy_text, sizeof(policy_text));
  char *line;
  while ((line = ss_config_line(&c))) {
    struct word w[3];
    unsigned n = split_words(line, w, 3);
    int32_t level;
    int ordered = n == 3 && w[2].n == 7 && !memcmp(w[2].s, "ordered", 7);
    if ((n != 2 && !ordered) || !parse_level(&w[1], &level))
      ss_config_error(&c, "expected '<name-pattern> <level 1..65535> [ordered]', got '%s'",
                      line);
    w[0].s[w[0].n] = 0;
    /* Only the first matching line counts: a second one would be dead. */
    for (unsigned i = 0; i < npolicies; i++)
      if (!strcmp(policies[i].pattern, w[0].s))
        ss_config_error(&c, "duplicate pattern '%s' (first on line %u)", w[0].s,
                        policies[i].line);
    if (npolicies == POLICY_MAX)
      ss_config_error(&c, "more than %d levels", POLICY_MAX);
    policies[npolicies].pattern = w[0].s;
    policies[npolicies].level = level;
    policies[npolicies].ordered = (uint32_t)ordered;
    policies[npolicies].line = c.line;
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

/* Every lock object is at least int-aligned (a pthread_spinlock_t is an
 * int; the other kinds are 8-aligned), so a NULL or misaligned pointer is
 * a bug of the caller, not a lock: refused, with one warning per function
 * (a loop over bad pointers would otherwise flood the log). An aligned
 * pointer cannot be told from a lock until it is used as one, so nothing is
 * recorded for it before that (lock_pending.c, the nested mark below). */
static int bad_lock_arg(const void *lock, const char *fn, int *warned) {
  if (lock && !((uintptr_t)lock & (_Alignof(int) - 1)))
    return 0;
  ss_warn_once(warned, "%s(%p): not the address of a lock (%s); ignored\n", fn, lock,
               lock ? "misaligned" : "NULL");
  return 1;
}

static void set_level(void *lock, int level, int ordered, const char *fn, int *warned) {
  ss_lock_thread_get();
  if (bad_lock_arg(lock, fn, warned))
    return;
  if (level < 0 || level > 65535) {
    ss_printf("==%d==syncsan: %s(%p, %d): levels are 1..65535 (0 clears); ignored\n", ss_pid(),
              fn, lock, level);
    return;
  }
  ss_lock_set_level((uintptr_t)lock, level, ordered);
}

SS_EXPORT void syncsan_lock_set_level(void *lock, int level) {
  static int warned;
  set_level(lock, level, 0, "syncsan_lock_set_level", &warned);
}

SS_EXPORT void syncsan_lock_set_level_ordered(void *lock, int level) {
  static int warned;
  set_level(lock, level, 1, "syncsan_lock_set_level_ordered", &warned);
}

SS_EXPORT void syncsan_lock_nested(void *lock, unsigned subclass) {
  static int warned;
  struct ss_lock_thread *t = ss_lock_thread_get();
  if (bad_lock_arg(lock, "syncsan_lock_nested", &warned))
    return;
  /* Only the thread's next acquisition of this address reads the mark. */
  t->nest_addr = (uintptr_t)lock;
  t->nest_subclass = subclass;
  t->fast_off |= SS_FAST_OFF_NESTED; /* the hooks consume the mark */
}
