/* The public queue API's types (<syncsan/syncsan.h>, section "queues"),
 * for the runtime that defines its functions: the header's same-named
 * macros (which call a function only when the runtime is linked in) are
 * undone here, so that the definitions are not expanded by them. The
 * header declares the functions weak, which makes these definitions weak
 * too: the runtime is linked whole (syncsan-cc), so they are always the
 * ones the program's calls reach. */
#ifndef SYNCSAN_QUEUE_API_H
#define SYNCSAN_QUEUE_API_H
#include "syncsan/abi_queue.h"
#include "syncsan/syncsan.h"

#undef syncsan_queue_set_name
#undef syncsan_queue_set_capacity
#undef syncsan_queue_set_policy
#undef syncsan_queue_on_stall
#undef syncsan_queue_metrics
#endif
