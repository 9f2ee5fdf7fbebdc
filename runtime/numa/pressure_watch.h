/* Pressure handlers (syncsan_on_pressure) and the monitor's look at PSI
 * for them. */
#ifndef SYNCSAN_NUMA_PRESSURE_WATCH_H
#define SYNCSAN_NUMA_PRESSURE_WATCH_H
#include "core/internal.h"

/* On the monitor thread: reads PSI and calls the handlers whose level was
 * crossed, when pressure_poll_ms has passed since the last look and a
 * handler is registered (else it returns without reading a file). */
SS_HIDDEN void ss_pressure_tick(uint64_t now_ms);
/* Whether a handler is registered (the child of a fork restarts the
 * monitor for them). */
SS_HIDDEN int ss_pressure_watched(void);
SS_HIDDEN void ss_pressure_fork_child(void);
#endif
