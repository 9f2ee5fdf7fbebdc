/* Happens-before through joins: which threads' whole lives happened
 * before the calling thread's present.
 *
 * A successful join of T orders everything T did before the joiner's next
 * operation, and so does everything T had itself joined (transitively).
 * Each thread keeps that set of tids, sorted, with a bound (SS_JOINED_MAX):
 * a thread joined past it is simply not known to be finished, so a check
 * that asks only loses an excuse to stay silent, never a report (a one-time
 * warning says so). Creation order is not used: a parent can take the same
 * locks again after pthread_create, so "before the create" says nothing
 * about the parent's later acquisitions.
 *
 * Concurrency: a thread's set is written by that thread alone (on its own
 * joins), under hb_lock, and read without the lock by that thread; another
 * thread reads it only after joining it, when it can no longer change,
 * under hb_lock (its table entry outlives the thread, keyed by the
 * registry slot and tagged with the tid, so a slot reused by a later
 * thread does not pass its set off as the dead one's). Joins and the
 * queries are slow paths: nothing here is on a hook's fast path. */
#ifndef SYNCSAN_HAPPENS_BEFORE_H
#define SYNCSAN_HAPPENS_BEFORE_H
#include "internal.h"

#define SS_JOINED_MAX 64

/* The calling thread has joined thread tid, registered in `slot`
 * (UINT32_MAX if unknown). */
SS_HIDDEN void ss_hb_joined(uint32_t tid, uint32_t slot);
/* Whether thread tid has exited and everything it did happened before the
 * calling thread's next operation (it joined tid, or a thread that had). */
SS_HIDDEN int ss_hb_finished_before(uint32_t tid);
/* Whether the calling thread knows of any such thread (a cheap test before
 * asking about many). */
SS_HIDDEN int ss_hb_any(void);
#endif
