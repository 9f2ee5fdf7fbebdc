/* Per-queue policies: syncsan_queue_set_policy() and the queue_policy=
 * file, whose lines match queues by name or by creation site:
 *   name=jobs max_occupancy=0.9 window_ms=500 p99_us=2000 stall_ms=200 stall_action=fail
 *   site=pipe.c:40 stall_ms=5000
 * ('*' and '?' globs; a site is "file:line", matched with the file as the
 * pass recorded it and with its last path component). The first matching
 * line applies, when the queue is made and again when it is named; a
 * policy set through the API replaces it for good. */
#ifndef SYNCSAN_QUEUE_POLICY_H
#define SYNCSAN_QUEUE_POLICY_H
#include "queue_table.h"

SS_HIDDEN void ss_queue_policy_init(void);
/* The file's first line matching q, unless q's policy came from the API. */
SS_HIDDEN void ss_queue_policy_apply(struct ss_queue *q);
#endif
