/* The memory hooks (mem_hooks.c): free, cfree, realloc and munmap. */
#ifndef SYNCSAN_MEM_HOOKS_H
#define SYNCSAN_MEM_HOOKS_H
#include "core/internal.h"

/* Finds the definitions the hooks forward to (start-up). */
SS_HIDDEN void ss_mem_hooks_init(void);
#endif
