/* The close and capacity checks: queue-send-after-close,
 * queue-double-close, queue-recv-after-close, queue-over-capacity
 * (queue_calls.c says when each may fire). Slow paths: each is called
 * only when the common path's cheap test says the check could fire. */
#ifndef SYNCSAN_QUEUE_MISUSE_H
#define SYNCSAN_QUEUE_MISUSE_H
#include "queue_call.h"

/* At a push's begin on a closed queue. */
SS_HIDDEN void ss_queue_send_after_close(struct ss_qcall *k, uint32_t tid);
/* At a strict-close pop's begin on a closed queue: reported when the
 * queue is certainly drained. */
SS_HIDDEN void ss_queue_recv_after_close(struct ss_qcall *k, uint32_t tid);
/* At a close's begin on a closed queue. */
SS_HIDDEN void ss_queue_double_close(struct ss_qcall *k, uint32_t tid);
/* When the pushes counted (a sum read just before) minus the pops exceed
 * q's capacity: reported when the lower bound does. k: the sampled push
 * that found it (on its thread), or NULL (the monitor). */
SS_HIDDEN void ss_queue_over_capacity(struct ss_queue *q, struct ss_qcall *k, uint64_t pushes,
                                      uint32_t tid);
/* A higher occupancy than q's maximum was seen. */
SS_HIDDEN void ss_queue_note_max(struct ss_queue *q, uint64_t occ);
#endif
