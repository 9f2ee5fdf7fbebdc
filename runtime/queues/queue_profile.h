/* The exit table of every queue's figures (profile_queues=1), text or
 * JSON (log_format=json). Queues destroyed before the exit are kept in
 * it; queues of one name (or, unnamed, of one creation site) share a row. */
#ifndef SYNCSAN_QUEUE_PROFILE_H
#define SYNCSAN_QUEUE_PROFILE_H
#include "queue_table.h"

/* q's incarnation ends (destroyed, or another queue made at its address):
 * its figures join its row. */
SS_HIDDEN void ss_queue_profile_keep(struct ss_queue *q);
/* At exit: the live queues join their rows, and the table is printed. */
SS_HIDDEN void ss_queue_profile_finish(void);
#endif
