/* The stable check IDs (docs/checks.md), as plain names (check_ids.c). */
#ifndef SYNCSAN_CHECK_IDS_H
#define SYNCSAN_CHECK_IDS_H
#include "internal.h"

/* True when id names a check of any family, compile time or run time,
 * present or planned: a suppressions file may name any of them. */
SS_HIDDEN int ss_check_id_known(const char *id);
#endif
