/* The queue family's runtime options (queue_flags.def). */
#ifndef SYNCSAN_QUEUE_FLAGS_H
#define SYNCSAN_QUEUE_FLAGS_H
#include "core/flags.h"

struct ss_queue_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "queue_flags.def"
#undef SS_FLAG
};
SS_HIDDEN extern struct ss_queue_flags ss_queue_flags;
#endif
