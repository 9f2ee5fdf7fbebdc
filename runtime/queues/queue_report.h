/* What every queue report shares: the queue's label ("queue 'jobs'
 * (0x...)", or by its creation site when it has no name), the report's
 * start (suppressions may match the queue's name), and the section that
 * says where the queue was created. */
#ifndef SYNCSAN_QUEUE_REPORT_H
#define SYNCSAN_QUEUE_REPORT_H
#include "core/report.h"
#include "queue_table.h"

SS_HIDDEN const char *ss_queue_label(const struct ss_queue *q, char *buf, size_t n);
SS_HIDDEN struct ss_report *ss_queue_report_begin(const char *check, enum ss_severity sev,
                                                  const struct syncsan_site *where,
                                                  const struct ss_queue *q, uintptr_t key2);
/* "queue ... was created by thread T0 at" (with its capacity), or that
 * syncsan did not see it created. */
SS_HIDDEN void ss_queue_origin(struct ss_report *r, const struct ss_queue *q, const char *label);
/* "the calling function" of a descriptor, for report text. */
static inline const char *ss_queue_fn(const struct syncsan_queue_desc *d) {
  return d && d->function ? d->function : "a queue function";
}
#endif
