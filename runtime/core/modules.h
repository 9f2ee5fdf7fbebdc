/* Which loaded module a pc is in, without malloc or locks (modules.c). */
#ifndef SYNCSAN_MODULES_H
#define SYNCSAN_MODULES_H
#include "internal.h"

/* Reads the executable's path (/proc/self/exe); at start-up, before any
 * report can need it. */
SS_HIDDEN void ss_modules_init(void);
/* The path of the module holding the code at pc and pc's offset in it as
 * the symbolizer wants it (the address in the file's own layout: pc minus
 * the module's load bias). 0 when no loaded module holds pc. */
SS_HIDDEN int ss_module_of(uintptr_t pc, const char **path, uintptr_t *offset);
#endif
