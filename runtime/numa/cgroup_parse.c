/* The cgroup and PSI file parsers (cgroup_parse.h). The kernel writes
 * these files in one fixed format; anything else (a truncated write, a
 * test file with a typo) is refused as a whole rather than half-read, so
 * a bad file means "no limit", never a wrong one. */
#include "numa/cgroup_parse.h"

#include <string.h>

static const char *skip_blank(const char *p) {
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Whether only whitespace (the kernel's trailing newline) is left. */
static int at_end(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return *p == 0;
}

/* A decimal integer at *p, advancing it; 0 when there is no digit or it
 * overflows 64 bits. */
static int parse_u64(const char **p, uint64_t *v) {
  const char *s = *p;
  uint64_t x = 0;
  if (*s < '0' || *s > '9')
    return 0;
  for (; *s >= '0' && *s <= '9'; s++) {
    if (x > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
      return 0;
    x = x * 10 + (uint64_t)(*s - '0');
  }
  *p = s;
  *v = x;
  return 1;
}

SS_HIDDEN enum ss_cg_parse ss_cg_parse_cpu_max(const char *s, uint32_t *milli) {
  const char *p = skip_blank(s);
  uint64_t quota = 0, period = 0;
  int unlimited = 0;
  if (!strncmp(p, "max", 3)) {
    unlimited = 1;
    p += 3;
  } else if (!parse_u64(&p, &quota)) {
    return SS_CG_BAD;
  }
  if (*p != ' ' && *p != '\t')
    return SS_CG_BAD;
  p = skip_blank(p);
  if (!parse_u64(&p, &period) || period == 0 || !at_end(p))
    return SS_CG_BAD;
  if (unlimited)
    return SS_CG_NO_LIMIT;
  if (quota == 0)
    return SS_CG_BAD; /* the kernel refuses a zero quota */
  /* Milli-CPUs, rounded up: a quota of 1 us per period is still a limit. */
  uint64_t m = quota > UINT64_MAX / 1000 ? UINT64_MAX : (quota * 1000 + period - 1) / period;
  *milli = m > UINT32_MAX ? UINT32_MAX : (uint32_t)m;
  return SS_CG_LIMIT;
}

SS_HIDDEN enum ss_cg_parse ss_cg_parse_memory_max(const char *s, uint64_t *bytes) {
  const char *p = skip_blank(s);
  if (!strncmp(p, "max", 3))
    return at_end(p + 3) ? SS_CG_NO_LIMIT : SS_CG_BAD;
  uint64_t v;
  if (!parse_u64(&p, &v) || !at_end(p))
    return SS_CG_BAD;
  *bytes = v;
  return SS_CG_LIMIT;
}

SS_HIDDEN int ss_cg_parse_cpulist(const char *s, cpu_set_t *set) {
  CPU_ZERO(set);
  const char *p = skip_blank(s);
  if (at_end(p))
    return 0;
  for (;;) {
    uint64_t lo, hi;
    if (!parse_u64(&p, &lo))
      return -1;
    hi = lo;
    if (*p == '-') {
      p++;
      if (!parse_u64(&p, &hi) || hi < lo)
        return -1;
    }
    if (hi >= CPU_SETSIZE)
      return -1;
    for (uint64_t c = lo; c <= hi; c++)
      CPU_SET((int)c, set);
    if (*p == ',') {
      p++;
      continue;
    }
    if (!at_end(p))
      return -1;
    return CPU_COUNT(set);
  }
}

/* "12.34" as a double: the kernel writes two decimals. */
static int parse_pct(const char **p, double *v) {
  uint64_t ip, fp = 0, scale = 1;
  if (!parse_u64(p, &ip))
    return 0;
  if (**p == '.') {
    (*p)++;
    const char *s = *p;
    for (; *s >= '0' && *s <= '9' && scale < 1000000000ull; s++) {
      fp = fp * 10 + (uint64_t)(*s - '0');
      scale *= 10;
    }
    if (s == *p)
      return 0;
    while (*s >= '0' && *s <= '9')
      s++;
    *p = s;
  }
  *v = (double)ip + (double)fp / (double)scale;
  return 1;
}

static int expect_key(const char **p, const char *key) {
  size_t n = strlen(key);
  *p = skip_blank(*p);
  if (strncmp(*p, key, n))
    return 0;
  *p += n;
  return 1;
}

/* One line after its "some"/"full" word; *p moves past the line. */
static int parse_psi_line(const char **p, struct ss_psi_line *l) {
  const char *s = *p;
  if (!expect_key(&s, "avg10=") || !parse_pct(&s, &l->avg10) ||
      !expect_key(&s, "avg60=") || !parse_pct(&s, &l->avg60) ||
      !expect_key(&s, "avg300=") || !parse_pct(&s, &l->avg300) ||
      !expect_key(&s, "total=") || !parse_u64(&s, &l->total_us))
    return 0;
  s = skip_blank(s);
  if (*s == '\r')
    s++;
  if (*s != '\n' && *s != 0)
    return 0;
  *p = *s ? s + 1 : s;
  l->present = 1;
  return 1;
}

SS_HIDDEN int ss_psi_parse(const char *s, struct ss_psi *out) {
  memset(out, 0, sizeof *out);
  const char *p = s;
  while (!at_end(p)) {
    p = skip_blank(p);
    struct ss_psi_line *l;
    if (!strncmp(p, "some ", 5))
      l = &out->some;
    else if (!strncmp(p, "full ", 5))
      l = &out->full;
    else
      return 0;
    p += 5;
    if (l->present || !parse_psi_line(&p, l))
      return 0;
  }
  return out->some.present;
}

SS_HIDDEN int ss_cg_parse_self(const char *s, char *buf, size_t n) {
  for (const char *p = s; *p;) {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    if (len >= 3 && !strncmp(p, "0::", 3)) {
      size_t plen = len - 3;
      if (plen == 0 || plen >= n || p[3] != '/')
        return 0;
      memcpy(buf, p + 3, plen);
      buf[plen] = 0;
      return 1;
    }
    if (!eol)
      break;
    p = eol + 1;
  }
  return 0;
}
