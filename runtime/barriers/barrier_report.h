/* What the barrier family's reports share: how a barrier is named, where
 * it came from, and what happens after a stall is reported. */
#ifndef SYNCSAN_BARRIER_REPORT_H
#define SYNCSAN_BARRIER_REPORT_H
#include "barrier_table.h"
#include "core/report.h"

/* "barrier 'g_bar' (0x...)" (the name when a site knew the global), or
 * "OpenMP team 0x... (4 threads)". */
SS_HIDDEN const char *ss_barrier_label(uintptr_t addr, uint32_t kind,
                                       const struct syncsan_site *site, char *buf, size_t n);
/* "barrier ... was initialised at" (or "... where syncsan did not see"). */
SS_HIDDEN void ss_barrier_origin(struct ss_report *r, const struct ss_barrier *b,
                                 const char *label);
/* ss_report_begin for a barrier report about the operation at `where`,
 * with the barrier's name (the global `named`, a site of the barrier's,
 * knew) for suppressions to match. */
SS_HIDDEN struct ss_report *ss_barrier_report_begin(const char *check,
                                                    const struct syncsan_site *where,
                                                    const struct syncsan_site *named,
                                                    uintptr_t key1, uintptr_t key2);
/* The checks at an arrival that pthread and std::barrier share
 * (barrier_hooks.c): barrier-double-wait for an arrival `a` that found the
 * thread had arrived in the phase already; barrier-count-mismatch when a
 * new user takes the live users past b's count. */
SS_HIDDEN void ss_barrier_report_double_wait(uint32_t tid, uintptr_t addr,
                                             const struct syncsan_site *site,
                                             const struct ss_barrier *b,
                                             const struct ss_barrier_arrive *a);
SS_HIDDEN void ss_barrier_check_pool(uint32_t tid, uintptr_t addr,
                                     const struct syncsan_site *site, struct ss_barrier *b);
/* After a stall's report (barrier-stall, or the lock or exited participant
 * that explains one): barrier_stall_action. */
SS_HIDDEN void ss_barrier_stall_act(void);
#endif
