/* The kernel's count of the process's threads, for checks that conclude
 * something only when every thread of the process is one the registry
 * knows (a stall no thread can end). */
#ifndef SYNCSAN_OS_THREADS_H
#define SYNCSAN_OS_THREADS_H
#include "internal.h"

/* The Threads: line of /proc/self/status, or 0 when it cannot be read.
 * No stdio and no malloc: monitor ticks call it. */
SS_HIDDEN uint32_t ss_os_thread_count(void);
#endif
