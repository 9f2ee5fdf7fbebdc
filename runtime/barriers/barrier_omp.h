/* OpenMP barriers, seen through the OpenMP tools interface (OMPT): each
 * parallel region's team is a barrier whose count is the team's size, with
 * the same model and checks as a pthread barrier (barrier_omp.c). */
#ifndef SYNCSAN_BARRIER_OMP_H
#define SYNCSAN_BARRIER_OMP_H
#include "barrier_table.h"

/* "the explicit barrier", "the implicit barrier at the end of the parallel
 * region", ... for an ompt_sync_region_t. */
SS_HIDDEN const char *ss_omp_sync_name(uint32_t sync_kind);
/* For the stall tick, about an OpenMP team's stalled barrier b (waiters
 * arr[0, narr) of count): when other threads of the same team wait in the
 * team's other barrier (the join at the end of the region against a plain
 * barrier inside it), the team has diverged and neither can complete: the
 * report (barrier-count-mismatch), and 1. 0 when that is not the case. */
SS_HIDDEN int ss_omp_divergence(struct ss_barrier *b, const struct ss_barrier_arrival *arr,
                                uint32_t narr, uint32_t count, uint64_t waited);
#endif
