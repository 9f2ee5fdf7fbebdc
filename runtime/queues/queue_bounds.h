/* Calls in flight, and the occupancy bounds the checks decide on
 * (queue_calls.c says what they are).
 *
 * A call is published with a plain store to its thread's own slot, not
 * an atomic increment of a shared counter (that would double the common
 * path's cost). A plain store may still wait in the store buffer while the
 * thread goes on into the queue function, so a bound computed from other
 * threads' slots first makes every thread's earlier stores visible: the
 * kernel's membarrier(PRIVATE_EXPEDITED) runs a full barrier on each CPU
 * that runs one of the process's threads. A call that took effect before
 * the bound's first read was published before that barrier, and is seen.
 * Where the kernel has no membarrier, the slots are written with a
 * sequentially consistent store instead (a fence on the common path). */
#ifndef SYNCSAN_QUEUE_BOUNDS_H
#define SYNCSAN_QUEUE_BOUNDS_H
#include "queue_call.h"
#include "queue_thread.h"

/* 1: publications need a fence (no membarrier). */
SS_HIDDEN extern int ss_queue_fence_publish;
/* 1: every push and pop takes begin_full (queue_calls.c): publications
 * need a fence, or an access observer counts them (core/access.h). One
 * word, so the common path still tests one. */
SS_HIDDEN extern int ss_queue_fast_off;
/* A thread the registry does not hold has called a queue operation. */
SS_HIDDEN extern int ss_queue_untracked_seen;
SS_HIDDEN void ss_queue_bounds_init(void);
SS_HIDDEN void ss_queue_bounds_fork_child(void);

/* word: the record | SS_QUEUE_INF_*; a blocking call (SS_QUEUE_INF_BLOCK)
 * also gives since when (k->since_ms) and its descriptor. */
static SS_ALWAYS_INLINE void ss_queue_publish(struct ss_queue_thread *qt, struct ss_qcall *k,
                                              uintptr_t word) {
  uint32_t d = qt->depth;
  if (SS_LIKELY(d < SS_QUEUE_INFLIGHT)) {
    /* The slot is taken before it is written: a signal handler's call on
     * this thread in between takes the next one. */
    qt->depth = d + 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (word & SS_QUEUE_INF_BLOCK) {
      __atomic_store_n(&qt->inf_since[d], k->since_ms, __ATOMIC_RELAXED);
      __atomic_store_n(&qt->inf_desc[d], k->d, __ATOMIC_RELAXED);
    }
    if (SS_UNLIKELY(ss_queue_fence_publish))
      __atomic_store_n(&qt->inflight[d], word, __ATOMIC_SEQ_CST);
    else
      __atomic_store_n(&qt->inflight[d], word, __ATOMIC_RELEASE);
    k->slot = (uint8_t)(d + 1);
  } else {
    __atomic_store_n(&qt->overflow, qt->overflow + 1, __ATOMIC_SEQ_CST);
    k->slot = 0;
  }
}

/* After the call's count: a scan that finds the slot empty then sees the
 * count (the increment is a locked instruction, ordered before this). */
static SS_ALWAYS_INLINE void ss_queue_retract(struct ss_queue_thread *qt, struct ss_qcall *k) {
  if (SS_LIKELY(k->slot)) {
    __atomic_store_n(&qt->inflight[k->slot - 1], 0, __ATOMIC_RELEASE);
    qt->depth = k->slot - 1u;
    k->slot = 0;
  } else {
    __atomic_store_n(&qt->overflow, qt->overflow - 1, __ATOMIC_RELEASE);
  }
}

/* The least number of items q holds, given that pushes was q's push count
 * at a moment just before the call: into *lb; 0 when it cannot be known
 * (a thread with more calls in flight than its slots). */
SS_HIDDEN int ss_queue_lower_bound(struct ss_queue *q, uint64_t pushes, int64_t *lb);
/* The most items q can hold now: into *ub; 0 when it cannot be known. */
SS_HIDDEN int ss_queue_upper_bound(struct ss_queue *q, int64_t *ub);
#endif
