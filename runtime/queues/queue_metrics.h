/* A queue's figures, for syncsan_queue_metrics() and the exit profile. */
#ifndef SYNCSAN_QUEUE_METRICS_H
#define SYNCSAN_QUEUE_METRICS_H
#include "queue_table.h"

SS_HIDDEN void ss_queue_fill_metrics(struct ss_queue *q, struct syncsan_queue_metrics *m);
#endif
