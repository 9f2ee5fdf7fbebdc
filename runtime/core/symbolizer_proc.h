/* The llvm-symbolizer process (symbolizer_proc.c). Its state is guarded by
 * the caller's lock: symbolize.c calls these under its own. */
#ifndef SYNCSAN_SYMBOLIZER_PROC_H
#define SYNCSAN_SYMBOLIZER_PROC_H
#include "internal.h"

/* Asks about the code at offset in module (started on first use); writes
 * the answer, the symbolizer's lines up to its blank line, NUL-terminated,
 * into buf. 0 when there is no symbolizer to ask (symbolize=0, none found,
 * it failed or timed out: then it is never asked again). */
SS_HIDDEN size_t ss_symbolizer_ask(const char *module, uintptr_t offset, char *buf,
                                   size_t size);
/* In a forked child: the connection is the parent's; the child starts its
 * own symbolizer when it first needs one. */
SS_HIDDEN void ss_symbolizer_fork_child(void);
#endif
