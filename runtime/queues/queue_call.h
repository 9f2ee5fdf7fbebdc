/* One wrapped call as the runtime keeps it, in the caller's struct
 * syncsan_queue_call (<syncsan/abi_queue.h>), and what the entry points
 * share with the checks' slow paths. */
#ifndef SYNCSAN_QUEUE_CALL_H
#define SYNCSAN_QUEUE_CALL_H
#include <errno.h>

#include "syncsan/abi_queue.h"

#include "queue_table.h"

#define SS_QC_TRACKED 0x1u /* the call is counted (a record, not re-entered) */
#define SS_QC_BLOCK 0x2u   /* its block note is up (ss_block_begin) */
#define SS_QC_SAMPLE 0x4u  /* a push sampled for latency and occupancy */
#define SS_QC_TIMED 0x8u   /* the timed form is called */
#define SS_QC_STALLED 0x10u /* its stall was decided (and reported, unless WAIT) */
/* Begun by the common path (queue_calls.c): a push or pop, counted on the
 * thread's own cell, in a slot. */
#define SS_QC_FAST 0x20u

struct ss_qcall {
  struct ss_queue *q; /* NULL: not tracked */
  const struct syncsan_queue_desc *d;
  const struct syncsan_site *site;
  uint32_t gen;
  uint8_t role, flags, slot, cell; /* slot: in-flight slot + 1, 0 none; cell: its count's */
  /* A blocking push or pop: when it began (coarse ms). A create: its
   * capacity. */
  uint64_t since_ms;
  /* A timed call: when the operation began and when its current timed
   * call began (ns). A create with a handle parameter: the handle. */
  uint64_t start_ns;
  uint64_t call_ns;
  uint32_t timeout_ms; /* of the current timed call */
  uint32_t asked;      /* timed: times the stall was decided */
};
_Static_assert(sizeof(struct ss_qcall) <= sizeof(struct syncsan_queue_call),
               "the call record fits the pass's alloca");

/* The entry points leave errno as the program's (the queue function's,
 * after its call): the common path calls nothing that may set it, and a
 * slow path that may (a report, mmap, a syscall) keeps it around itself. */
#define SS_QUEUE_KEEP_ERRNO(stmt)                                                            \
  do {                                                                                       \
    int saved_errno_ = errno;                                                                \
    stmt;                                                                                    \
    errno = saved_errno_;                                                                    \
  } while (0)

static inline int ss_queue_ok(uint32_t ok, int64_t r) {
  switch (ok) {
  case SYNCSAN_QUEUE_OK_NONZERO:
  case SYNCSAN_QUEUE_OK_NONNULL:
    return r != 0;
  case SYNCSAN_QUEUE_OK_ZERO:
    return r == 0;
  case SYNCSAN_QUEUE_OK_NONNEG:
    return r >= 0;
  default:
    return 1;
  }
}

/* Stall listeners registered (queue_listen.c): a blocking call with a
 * timed form uses it while there is one. */
SS_HIDDEN extern uint32_t ss_queue_nlisteners;
/* queue_stall_action=fail: every queue's calls with a timed form use it. */
SS_HIDDEN extern int ss_queue_fail_default;
#endif
