/* The lock family's runtime options (lock_flags.def). */
#ifndef SYNCSAN_LOCK_FLAGS_H
#define SYNCSAN_LOCK_FLAGS_H
#include "core/flags.h"

struct ss_lock_flags {
#define SS_FLAG SS_FLAG_FIELD
#include "lock_flags.def"
#undef SS_FLAG
};
SS_HIDDEN extern struct ss_lock_flags ss_lock_flags;
#endif
