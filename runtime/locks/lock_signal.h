/* The locks family's part when a fatal signal ends the process. */
#ifndef SYNCSAN_LOCK_SIGNAL_H
#define SYNCSAN_LOCK_SIGNAL_H
#include "core/fatal_signal.h"

/* lock-held-at-exit for every thread that holds locks as the signal ends
 * the process (the family's fatal_signal callback, core/family.h). */
SS_HIDDEN void ss_lock_fatal_signal(const struct ss_fatal *f);
#endif
