/* Lock-typed globals registered by instrumented modules: names for locks
 * by address, so a global's class is its symbol however it is reached. */
#ifndef SYNCSAN_GLOBALS_H
#define SYNCSAN_GLOBALS_H
#include "internal.h"

/* The registered global containing addr: its name, addr's offset in it
 * (within one element, for an array), for an array the element's index
 * plus one in *elem (0: not an array), and its SYNCSAN_SITE_LEVEL_* flags.
 * 0 when none. */
SS_HIDDEN int ss_global_find(uintptr_t addr, const char **name, uint32_t *offset,
                             uint32_t *elem, uint32_t *flags);
/* Whether any registered global is an array of locks (or of structs
 * holding them). */
SS_HIDDEN int ss_global_arrays(void);
#endif
