/* The monitor: one runtime thread for every family's periodic checks (the
 * lock watchdog, barrier and semaphore stalls, queue stalls), so a program
 * gets one helper thread however many families watch it.
 *
 * A family adds its ticks at start-up (its init callback, single-threaded);
 * the first ss_monitor_start() after that, from any thread, starts the
 * thread (once per process, and again in a forked child, where it did not
 * survive). Each tick runs on the monitor thread, every period_ms or a
 * little later, one after another: a tick must not block (it takes runtime
 * locks only as the watchdog does, and never a program's lock). The thread
 * blocks every signal and is not in the thread registry. */
#ifndef SYNCSAN_MONITOR_H
#define SYNCSAN_MONITOR_H
#include "internal.h"

#define SS_MONITOR_MAX_TICKS 8

/* Start-up only. period_ms is clamped to [10, 1000]. Returns 0 when the
 * table is full (a programming error: the families are fixed). */
SS_HIDDEN int ss_monitor_add(void (*tick)(uint64_t now_ms), uint32_t period_ms);
/* Starts the thread if it is not running; cheap when it is. */
SS_HIDDEN void ss_monitor_start(void);
/* Whether the calling thread is the monitor. */
SS_HIDDEN int ss_monitor_is_self(void);
/* A monotonic clock in milliseconds, the one ticks are given. */
SS_HIDDEN uint64_t ss_monitor_now_ms(void);
/* In a forked child (core/fork.c). */
SS_HIDDEN void ss_monitor_fork_child(void);
#endif
