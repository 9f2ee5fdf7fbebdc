/* What the message queue hooks know of each descriptor: which queue it
 * opens, whether it is O_NONBLOCK, and whether this process closed it.
 *
 * A queue is the kernel's message queue, not a descriptor: two mq_open
 * calls of one name (a producer's O_WRONLY and a consumer's O_RDONLY
 * descriptor, a dup) are one queue to syncsan, found by the descriptor's
 * inode. Its handle for __syncsan_queue_* is the number of the descriptor
 * that opened it first, (void *)(intptr_t)mqd, which is what a program
 * passes to syncsan_queue_metrics(); a number no real object can have
 * (below the first mappable page), so it never meets a GAsyncQueue or a
 * program's queue. Where that number is taken (descriptor 0, or the first
 * descriptor was closed and its number went to another queue while the
 * first queue is still open through others), the handle is one above the
 * table of descriptors instead.
 *
 * A queue is closed, to syncsan, when this process has closed every
 * descriptor of it: sends and closes after that are the checks' business.
 * A descriptor closed while others of its queue stay open is only
 * forgotten (its misuse is the C library's EBADF alone). */
#ifndef SYNCSAN_QUEUES_BUILTIN_MQ_FDS_H
#define SYNCSAN_QUEUES_BUILTIN_MQ_FDS_H

#include <mqueue.h>
#include <stdint.h>

#include "core/internal.h"

/* Descriptors followed: 0 to SS_MQ_FDS - 1; others are not (a one-time
 * warning says so). */
#define SS_MQ_FDS 4096
/* Queues known at once (open, or closed and remembered for the checks). */
#define SS_MQ_QUEUES 256

enum ss_mq_state {
  SS_MQ_NONE,   /* not a queue syncsan follows: call the C library only */
  SS_MQ_OPEN,   /* open: key is its queue */
  SS_MQ_CLOSED, /* this process closed every descriptor of key's queue */
  SS_MQ_SHARED, /* (closing) another descriptor of key's queue stays open */
};

struct ss_mq_view {
  enum ss_mq_state state;
  void *key;          /* the queue's handle */
  int nonblock;       /* O_NONBLOCK */
  int fresh;          /* the queue is new to syncsan: its create comes first */
  unsigned long capacity; /* mq_maxmsg, for a fresh queue */
};

/* An mq_open that returned q: the queue it opens, fresh unless another
 * descriptor has it open. */
SS_HIDDEN struct ss_mq_view ss_mq_opened(mqd_t q);
/* Before a send or receive on q. A descriptor never seen (opened where no
 * interposer saw it, or dup'ed) is adopted: it is a queue if the C library
 * says so. */
SS_HIDDEN struct ss_mq_view ss_mq_view(mqd_t q);
/* Before mq_close(q): OPEN (the last descriptor of the queue: it closes),
 * SHARED, CLOSED (a second close of a closed queue's descriptor) or
 * NONE. q is marked closed first, so that a descriptor of that number that
 * mq_open returns meanwhile is not taken for it. */
SS_HIDDEN struct ss_mq_view ss_mq_closing(mqd_t q);
/* mq_setattr set q's O_NONBLOCK to nonblock. */
SS_HIDDEN void ss_mq_set_nonblock(mqd_t q, int nonblock);

#endif
