/* The queues' quality of service: latency sampling, and the policy
 * warnings queue-backpressure and queue-latency.
 *
 * Latency sampling assumes the queue is FIFO: one push in 64 (per thread)
 * notes its push sequence number (the push count its own push made) and
 * the time; the pop whose pop count reaches that number is taken to have
 * dequeued it, and measures the enqueue-to-dequeue time. For a queue that
 * is not FIFO (a priority queue, a stack, several consumers racing) the
 * figure is the time between the n-th push and the n-th pop, which is
 * still how long the queue holds work, not one item's wait. One sample is
 * in flight per queue at a time. */
#ifndef SYNCSAN_QUEUE_QOS_H
#define SYNCSAN_QUEUE_QOS_H
#include "queue_table.h"

/* A sampled push took effect as the n-th, with est items counted. */
SS_HIDDEN void ss_queue_sample_push(struct ss_queue *q, uint64_t n, uint64_t est);
/* A pop took effect as the n-th while a sample is in flight. */
SS_HIDDEN void ss_queue_sample_pop(struct ss_queue *q, uint64_t n);
/* The p-th percentile (0..100) of q's latency histogram, in ns (under
 * q->lock); 0 without samples. */
SS_HIDDEN uint64_t ss_queue_hist_percentile(const struct ss_queue *q, unsigned p);
/* The monitor's checks of every queue's policy. */
SS_HIDDEN void ss_queue_qos_tick(uint64_t now_ms);
/* The monitor's look at q's counts (its maximum and its capacity), for a
 * queue about to be destroyed: it may have broken its bound since the
 * last look. */
SS_HIDDEN void ss_queue_qos_look(struct ss_queue *q);
/* At process exit: the capacity look once more over every queue. */
SS_HIDDEN void ss_queue_qos_exit(void);
#endif
