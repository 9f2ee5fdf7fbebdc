/* The barrier family's shared report parts (barrier_report.h). */
#include "barrier_report.h"

#include <string.h>

#include "barrier_flags.h"

SS_HIDDEN const char *ss_barrier_label(uintptr_t addr, uint32_t kind,
                                       const struct syncsan_site *site, char *buf, size_t n) {
  if (kind == SS_BAR_OMP) {
    ss_format(buf, n, "OpenMP team %p", (void *)addr);
    return buf;
  }
  const char *name = ss_site_object(site);
  char esc[128];
  const char *what = kind == SS_BAR_CXX     ? "std::barrier"
                     : kind == SS_BAR_LATCH ? "std::latch"
                                            : "barrier";
  if (name)
    ss_format(buf, n, "%s '%s' (%p)", what, ss_esc(esc, sizeof(esc), name), (void *)addr);
  else
    ss_format(buf, n, "%s %p", what, (void *)addr);
  return buf;
}

SS_HIDDEN void ss_barrier_origin(struct ss_report *r, const struct ss_barrier *b,
                                 const char *label) {
  if (b->kind == SS_BAR_OMP)
    return;
  if (b->init_site)
    ss_report_section(r, b->init_site, "%s was initialised with count %u by thread T%u at",
                      label, b->count, b->init_tid);
  else
    ss_report_section(r, NULL, "%s (count %u) was initialised where syncsan did not see",
                      label, b->count);
}

SS_HIDDEN struct ss_report *ss_barrier_report_begin(const char *check,
                                                    const struct syncsan_site *where,
                                                    const struct syncsan_site *named,
                                                    uintptr_t key1, uintptr_t key2) {
  const char *names[] = {ss_site_object(named), NULL};
  return ss_report_begin_names(check, SS_SEV_ERROR, where, names, key1, key2);
}

SS_HIDDEN void ss_barrier_stall_act(void) {
  const char *a = ss_barrier_flags.barrier_stall_action;
  if (a && !strcmp(a, "abort")) {
    ss_printf("==%d==syncsan: ending the stalled process (barrier_stall_action=report lets "
              "it wait)\n",
              ss_pid());
    ss_die();
  }
}
