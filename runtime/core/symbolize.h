/* From return addresses to source lines and function names, and the lock
 * wrapper rule.
 *
 * Symbolization runs the way the sanitizers' does: an external
 * llvm-symbolizer process, started on first use, spoken to over a socket
 * with fixed buffers (no malloc, no lock the program could hold), its
 * answers cached per address. Without it, a frame prints as
 * module+offset. Only report paths and other rare events symbolize. */
#ifndef SYNCSAN_SYMBOLIZE_H
#define SYNCSAN_SYMBOLIZE_H
#include "internal.h"

/* One source frame; an address inside inlined code yields several. The
 * strings live in the symbolizer's cache and stay valid until exit. */
struct ss_frame {
  const char *function; /* demangled; "??" when unknown */
  const char *file;     /* NULL when unknown */
  uint32_t line, column;
  const char *module;   /* the executable or shared object; NULL when unknown */
  uintptr_t offset;     /* pc - 1 relative to the module's load base */
};

/* The frames of the call at return address pc, innermost (inlined) first;
 * returns how many were written (at least 1, possibly with only module and
 * offset known). */
SS_HIDDEN unsigned ss_symbolize_pc(uintptr_t pc, struct ss_frame *out, unsigned max);

/* A lock wrapper is a function that only forwards its argument to a lock
 * operation, or allocates and initialises a lock for its caller: the pass
 * marks the sites inside the ones it compiled (SYNCSAN_SITE_WRAPPER) and
 * registers their names (__syncsan_register_wrappers); the lock_wrappers
 * option names more (for code syncsan did not compile). */
SS_HIDDEN int ss_function_is_wrapper(const char *demangled_name);
/* Whether any wrapper is known (registered, or named by lock_wrappers):
 * without one, no frame is a wrapper and nothing needs symbolizing to
 * find the first frame outside them. */
SS_HIDDEN int ss_wrappers_known(void);
/* Whether the function that return address pc is in is a lock wrapper
 * (symbolizes pc once; the answer is cached). */
SS_HIDDEN int ss_pc_is_wrapper(uintptr_t pc);
/* The index in pcs of the first frame outside lock wrappers, given whether
 * pcs[0]'s function is one (the site's SYNCSAN_SITE_WRAPPER flag); n when
 * every frame is a wrapper. */
SS_HIDDEN unsigned ss_first_user_frame(const uintptr_t *pcs, unsigned n, int top_is_wrapper);
#endif
