/* Per-queue policies (queue_policy.h). */
#include "queue_policy.h"

#include <stdlib.h>
#include <string.h>

#include "core/config_file.h"
#include "core/suppress.h"
#include "core/thread.h"
#include "queue_flags.h"

#define POLICY_MAX 256

struct rule {
  const char *name; /* a name glob, or NULL */
  const char *site; /* a "file:line" glob, or NULL */
  struct ss_queue_policy p;
};

static char policy_text[65536];
static struct rule rules[POLICY_MAX];
static unsigned nrules; /* written at start-up only */

static int parse_uint(const char *v, uint64_t max, uint64_t *out) {
  char *end;
  if (!*v || *v == '-')
    return 0;
  unsigned long long x = strtoull(v, &end, 10);
  if (*end || x > max)
    return 0;
  *out = x;
  return 1;
}

static int parse_action(const char *v) {
  static const char *const names[] = {"report", "fail", "abort", "wait"};
  for (int i = 0; i < 4; i++)
    if (!strcmp(v, names[i]))
      return i;
  return -1;
}

static void parse_line(struct ss_config *c, char *line, struct rule *r) {
  memset(r, 0, sizeof(*r));
  r->p.stall_action = -1;
  int any = 0;
  for (char *w = line + strspn(line, " \t"); *w; w += strspn(w, " \t")) {
    size_t len = strcspn(w, " \t");
    char *next = w + len;
    if (*next)
      *next++ = 0;
    char *eq = strchr(w, '=');
    if (!eq || eq == w || !eq[1])
      ss_config_error(c, "expected 'key=value', got '%s'", w);
    *eq = 0;
    const char *k = w, *v = eq + 1;
    uint64_t x;
    if (!strcmp(k, "name") || !strcmp(k, "site")) {
      if (r->name || r->site)
        ss_config_error(c, "a line matches by one name= or site=, not two");
      if (k[0] == 'n')
        r->name = v;
      else
        r->site = v;
    } else if (!strcmp(k, "max_occupancy")) {
      char *end;
      double d = strtod(v, &end);
      if (*end || !(d > 0 && d <= 1))
        ss_config_error(c, "max_occupancy must be a ratio in (0, 1], got '%s'", v);
      r->p.max_occupancy = d;
      any = 1;
    } else if (!strcmp(k, "window_ms")) {
      if (!parse_uint(v, 86400000, &x))
        ss_config_error(c, "window_ms must be 0..86400000, got '%s'", v);
      r->p.window_ms = (uint32_t)x;
      any = 1;
    } else if (!strcmp(k, "p99_us")) {
      if (!parse_uint(v, 86400000000ull, &x))
        ss_config_error(c, "p99_us must be 0..86400000000, got '%s'", v);
      r->p.p99_us = x;
      any = 1;
    } else if (!strcmp(k, "stall_ms")) {
      if (!parse_uint(v, 86400000, &x))
        ss_config_error(c, "stall_ms must be 0..86400000, got '%s'", v);
      r->p.stall_ms = (uint32_t)x;
      any = 1;
    } else if (!strcmp(k, "stall_action")) {
      r->p.stall_action = parse_action(v);
      if (r->p.stall_action < 0)
        ss_config_error(c, "stall_action must be report, fail, abort or wait, got '%s'", v);
      any = 1;
    } else {
      ss_config_error(c,
                      "unknown key '%s' (keys: name, site, max_occupancy, window_ms, p99_us, "
                      "stall_ms, stall_action)",
                      k);
    }
    w = next;
  }
  if (!r->name && !r->site)
    ss_config_error(c, "a policy line needs name=<queue name> or site=<file:line>");
  if (!any)
    ss_config_error(c, "a policy line needs a rule (max_occupancy, window_ms, p99_us, "
                       "stall_ms or stall_action)");
}

SS_HIDDEN void ss_queue_policy_init(void) {
  const char *path = ss_queue_flags.queue_policy;
  if (!path || !*path)
    return;
  struct ss_config c;
  ss_config_read(&c, "queue_policy", path, policy_text, sizeof(policy_text));
  char *line;
  while ((line = ss_config_line(&c))) {
    if (nrules == POLICY_MAX)
      ss_config_error(&c, "more than %d policies", POLICY_MAX);
    parse_line(&c, line, &rules[nrules++]);
  }
}

static int site_matches(const char *pat, const struct syncsan_site *s) {
  if (!s)
    return 0;
  char loc[512];
  const char *file = s->file ? s->file : "";
  ss_format(loc, sizeof(loc), "%s:%u", file, s->line);
  if (ss_glob_match(pat, loc))
    return 1;
  const char *base = strrchr(file, '/');
  if (!base)
    return 0;
  ss_format(loc, sizeof(loc), "%s:%u", base + 1, s->line);
  return ss_glob_match(pat, loc);
}

SS_HIDDEN void ss_queue_policy_apply(struct ss_queue *q) {
  if (!nrules)
    return;
  ss_spin_lock(&q->lock);
  if (!q->policy.explicit_) {
    const char *name = q->named ? q->name : ss_site_object(q->create_site);
    for (unsigned i = 0; i < nrules; i++) {
      const struct rule *r = &rules[i];
      if ((r->name && name && ss_glob_match(r->name, name)) ||
          (r->site && site_matches(r->site, q->create_site))) {
        q->policy = r->p;
        break;
      }
    }
    __atomic_store_n(&q->recovery, q->policy.stall_action == SYNCSAN_QUEUE_FAIL,
                     __ATOMIC_RELAXED);
  }
  ss_spin_unlock(&q->lock);
}

SS_EXPORT int syncsan_queue_set_policy(const void *queue, const struct syncsan_queue_policy *p) {
  if (!queue || !p)
    return -1;
  ss_thread_get();
  int made;
  struct ss_queue *q = ss_queue_get((uintptr_t)queue, NULL, &made);
  if (!q)
    return -1;
  ss_spin_lock(&q->lock);
  q->policy.max_occupancy = p->max_occupancy > 0 ? (p->max_occupancy > 1 ? 1 : p->max_occupancy) : 0;
  q->policy.window_ms = p->occupancy_window_ms;
  q->policy.p99_us = p->p99_latency_us;
  __atomic_store_n(&q->policy.stall_ms, p->stall_ms, __ATOMIC_RELAXED);
  q->policy.stall_action =
      p->stall_action >= SYNCSAN_QUEUE_REPORT && p->stall_action <= SYNCSAN_QUEUE_WAIT
          ? p->stall_action
          : -1;
  /* A zero field is "no rule": stall_action 0 is report, the default. */
  if (p->stall_action == SYNCSAN_QUEUE_REPORT)
    q->policy.stall_action = -1;
  q->policy.explicit_ = 1;
  __atomic_store_n(&q->recovery, q->policy.stall_action == SYNCSAN_QUEUE_FAIL, __ATOMIC_RELAXED);
  ss_spin_unlock(&q->lock);
  return 0;
}
