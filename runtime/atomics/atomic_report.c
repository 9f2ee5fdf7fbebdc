/* Reports of misaligned and line-straddling atomics found at run time. */
#include "atomic.h"

#include "atomics_family.h"
#include "core/report.h"
#include "core/thread.h"

/* A power of two of at least 16: the option's rule (atomic_flags.def)
 * refuses any other value. */
static uint64_t line_size(void) { return (uint64_t)ss_atomic_flags.cache_line_size; }

SS_HIDDEN SS_COLD void ss_atomic_bad_address(const volatile void *p, uint64_t size,
                                             const struct syncsan_site *site) {
  /* Re-entered inside the runtime (a signal handler): the report lock may
   * be this thread's. The operation itself runs all the same. */
  if (ss_in_hook())
    return;
  ss_ensure_init();
  struct ss_thread *t = ss_thread_get();
  uintptr_t a = (uintptr_t)p;
  uint64_t line = line_size();
  int misaligned = (a & (size - 1)) != 0;
  int crosses = a / line != (a + size - 1) / line;
  if (!misaligned && !crosses)
    return;
  if (ss_atomic_seen_before((uintptr_t)site | (uintptr_t)crosses))
    return;
  const char *check = crosses ? "atomic-split-line" : "atomic-misaligned";
  struct ss_report *r = ss_report_begin(check, SS_SEV_ERROR, site, (uintptr_t)site, 0);
  if (!r)
    return;
  const char *what = site ? ss_op_name(site->op) : "atomic operation";
  if (crosses)
    ss_report_headline(r,
                       "%u-byte %s at %p straddles a %u-byte cache line boundary "
                       "(it starts at byte %u of its line)",
                       (unsigned)size, what, (void *)a, (unsigned)line,
                       (unsigned)(a & (line - 1)));
  else
    ss_report_headline(r,
                       "%u-byte %s at %p is misaligned: it needs %u-byte alignment "
                       "but the address is %u modulo %u",
                       (unsigned)size, what, (void *)a, (unsigned)size,
                       (unsigned)(a & (size - 1)), (unsigned)size);
  ss_report_section(r, site, "%s by thread T%u", what, t->tid);
  ss_report_thread(r, t->tid);
  if (site && site->object)
    ss_buf_printf(&r->notes, "  Object: %s\n", site->object);
  if (crosses)
    ss_buf_printf(&r->notes,
                  "  A locked operation on two cache lines is a split lock: the CPU "
                  "locks the whole memory bus (and Linux may stop the process), and "
                  "plain loads and stores across lines are not atomic. Align the "
                  "object to its size (_Alignas/alignas), and keep atomics out of "
                  "packed structs.\n");
  else
    ss_buf_printf(&r->notes,
                  "  C and C++ require atomic objects to be naturally aligned; on "
                  "many CPUs a misaligned atomic faults or is not atomic. Align the "
                  "object to its size (_Alignas/alignas), and keep atomics out of "
                  "packed structs.\n");
  ss_report_end(r);
}
