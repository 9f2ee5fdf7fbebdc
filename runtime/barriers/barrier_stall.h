/* The barrier stall check (barrier_stall.c): a monitor tick. */
#ifndef SYNCSAN_BARRIER_STALL_H
#define SYNCSAN_BARRIER_STALL_H
#include "core/internal.h"

/* Start-up: adds the tick when barrier_timeout_ms is not 0. */
SS_HIDDEN void ss_barrier_stall_init(void);
#endif
