/* The queue family's shared report parts (queue_report.h). */
#include "queue_report.h"

SS_HIDDEN const char *ss_queue_label(const struct ss_queue *q, char *buf, size_t n) {
  char esc[128], loc[256];
  void *h = (void *)__atomic_load_n(&q->handle, __ATOMIC_RELAXED);
  if (q->named)
    ss_format(buf, n, "queue '%s' (%p)", ss_esc(esc, sizeof(esc), q->name), h);
  else if (ss_site_object(q->create_site))
    ss_format(buf, n, "queue '%s' (%p)",
              ss_esc(esc, sizeof(esc), ss_site_object(q->create_site)), h);
  else if (q->create_site)
    ss_format(buf, n, "queue %p created at %s", h, ss_site_loc(q->create_site, loc, sizeof(loc)));
  else
    ss_format(buf, n, "queue %p", h);
  return buf;
}

SS_HIDDEN struct ss_report *ss_queue_report_begin(const char *check, enum ss_severity sev,
                                                  const struct syncsan_site *where,
                                                  const struct ss_queue *q, uintptr_t key2) {
  const char *names[] = {q->named ? q->name : ss_site_object(q->create_site), NULL};
  return ss_report_begin_names(check, sev, where, names,
                               __atomic_load_n(&q->handle, __ATOMIC_RELAXED) ^
                                   ((uintptr_t)__atomic_load_n(&q->gen, __ATOMIC_RELAXED) << 48),
                               key2);
}

SS_HIDDEN void ss_queue_origin(struct ss_report *r, const struct ss_queue *q, const char *label) {
  uint64_t cap = __atomic_load_n(&q->capacity, __ATOMIC_RELAXED);
  char c[48] = "";
  if (cap)
    ss_format(c, sizeof(c), " (capacity %llu)", (unsigned long long)cap);
  if (q->create_site)
    ss_report_section(r, q->create_site, "%s%s was created by thread T%u at", label, c,
                      q->create_tid);
  else
    ss_report_section(r, NULL, "%s%s was created where syncsan did not see (first used by "
                      "thread T%u)", label, c, q->create_tid);
}
