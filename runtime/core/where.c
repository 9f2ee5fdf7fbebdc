/* What another thread is doing, for stall and deadlock reports
 * (ss_thread_where, thread.h). */
#include "family.h"
#include "report.h"

SS_HIDDEN const char *ss_thread_where(struct ss_thread *t, char *buf, size_t n) {
  if (!n)
    return buf;
  buf[0] = 0;
  uint32_t joining = __atomic_load_n(&t->joining, __ATOMIC_ACQUIRE);
  if (joining) {
    char loc[256];
    ss_format(buf, n, "blocked joining T%u at %s", joining - 1,
              ss_site_loc(t->join_site, loc, sizeof(loc)));
    return buf;
  }
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->thread_where && ss_families[i]->thread_where(t, buf, n))
      return buf;
  ss_format(buf, n, "running (not blocked in an operation syncsan sees)");
  return buf;
}
