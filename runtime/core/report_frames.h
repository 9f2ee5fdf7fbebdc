/* The frames a report prints for one site and the call stack above it,
 * and which of them is the first outside lock wrappers (report_frames.c). */
#ifndef SYNCSAN_REPORT_FRAMES_H
#define SYNCSAN_REPORT_FRAMES_H
#include "stack.h"
#include "symbolize.h"

struct ss_rframe {
  const struct syncsan_site *site; /* #0 from a site record; NULL: from the stack */
  struct ss_frame f;               /* a stack frame, symbolized */
  uintptr_t pc;                    /* its return address (0 for a site frame) */
  uint8_t inlined;                 /* an inlined frame: not pc's innermost */
  uint8_t wrapper;                 /* its function is a lock wrapper */
};

#define SS_RFRAMES_MAX (SS_STACK_MAX + 32)

struct ss_rframes {
  struct ss_rframe fr[SS_RFRAMES_MAX];
  unsigned n;
  unsigned user; /* the first frame outside lock wrappers (the last if none is) */
};

/* Site (may be NULL) as frame #0, then the stack's frames above it, each
 * return address's inlined frames included, symbolized. */
SS_HIDDEN void ss_rframes_build(struct ss_rframes *out, const struct syncsan_site *site,
                                ss_stack_id stack);
/* What identifies the frame a report is about, for de-duplication: the
 * same site, or the same return address and inline depth. */
SS_HIDDEN uint64_t ss_rframe_key(const struct ss_rframes *fr);
/* The same without building the frames when no frame can be a wrapper
 * (the common case: no symbolization). */
SS_HIDDEN uint64_t ss_user_frame_key(const struct syncsan_site *site, ss_stack_id stack,
                                     struct ss_rframes *scratch);
#endif
