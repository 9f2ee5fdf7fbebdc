/* Call stacks: captured only where something is new (a new lock-order
 * edge, a new lock class, a thread's creation, a report), never on a hook's
 * fast path, and kept in a bounded, deduplicated depot so that a report can
 * print them long after the capture.
 *
 * A stack is a list of return addresses, innermost first. It starts at the
 * first frame outside the runtime: the capture skips frames up to and
 * including the one that returns to `from_pc` (a hook's
 * __builtin_return_address(0)), so pcs[0] is a return address into the
 * function whose static site the hook was given. When `from_pc` is not found
 * (0, or a frame the unwinder could not see), nothing is skipped. */
#ifndef SYNCSAN_STACK_H
#define SYNCSAN_STACK_H
#include "internal.h"

typedef uint32_t ss_stack_id; /* 0: no stack (stack_depth=0, depot full, none taken) */

#define SS_STACK_MAX 64

/* Captures up to the stack_depth option's frames above from_pc and stores
 * them in the depot; the same stack gets the same id. */
SS_HIDDEN ss_stack_id ss_stack_capture(uintptr_t from_pc);
/* The frames of a stored stack; 0 for id 0. */
SS_HIDDEN unsigned ss_stack_pcs(ss_stack_id id, const uintptr_t **pcs);
/* Stores a stack the caller already has (n <= SS_STACK_MAX frames, the
 * first n used), deduplicated like a capture: for a stack that is not the
 * current one (a caller's return address kept with a held lock) and for
 * unit tests. 0 when n is 0 or the depot is full. */
SS_HIDDEN ss_stack_id ss_stack_put(const uintptr_t *pcs, unsigned n);
/* The stack of the operation a hook is handling: from a dynamic site's own
 * return address (an interposed call), else from hook_pc, the hook's
 * __builtin_return_address(0) (ss_self.hook_pc on the slow paths that
 * noted it). */
SS_HIDDEN ss_stack_id ss_stack_capture_site(const struct syncsan_site *site, uintptr_t hook_pc);
#endif
