/* queue-stall: a push blocked on a full queue or a pop on an empty one
 * for longer than the stall time (the monitor finds it, from the call's
 * block note), a timed call whose stall budget ran out (found on the
 * stalled thread, which can then be made to fail), or a non-blocking call
 * that keeps failing on one queue that long (found on the thread). What
 * happens then: the first stall listener that has an opinion, else the
 * queue's policy, else queue_stall_action. */
#ifndef SYNCSAN_QUEUE_STALL_H
#define SYNCSAN_QUEUE_STALL_H
#include "queue_call.h"
#include "queue_thread.h"

/* A timed call's stall budget is spent (waited_ms since the operation
 * began): decides, reports once, and returns timed_again's answer (1:
 * wait again, 0: the failure stands); may end the process. */
SS_HIDDEN uint32_t ss_queue_stall_timed(struct ss_qcall *k, uint64_t waited_ms);
/* A non-blocking push or pop failed. */
SS_HIDDEN void ss_queue_streak_fail(struct ss_queue_thread *qt, struct ss_qcall *k);
/* The monitor's part (queue_monitor.c calls it every check period). */
SS_HIDDEN void ss_queue_stall_tick(uint64_t now_ms);
SS_HIDDEN void ss_queue_stall_fork_child(void);

/* The listeners' answer for a stall (queue_listen.c): the first that has
 * an opinion; SYNCSAN_QUEUE_REPORT when none has. */
SS_HIDDEN int ss_queue_ask_listeners(const struct syncsan_queue_stall *st, int *answered);
#endif
