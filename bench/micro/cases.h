/* The micro benchmark cases. Each case runs `n` operations on worker `tid`
 * of `nthreads` (1 or 2) and returns a deterministic contribution to the
 * checksum. setup/teardown run on the main thread around all workers. */
#ifndef MICRO_CASES_H
#define MICRO_CASES_H

#include <stdint.h>

struct micro_case {
  const char *name;
  int min_threads; /* 2: only meaningful between two threads */
  void (*setup)(int nthreads);
  uint64_t (*run)(int tid, int nthreads, long n);
  void (*teardown)(int nthreads);
};

/* NULL-terminated tables, one per file. */
extern const struct micro_case micro_lock_cases[];
extern const struct micro_case micro_sync_cases[];
extern const struct micro_case micro_queue_cases[];
extern const struct micro_case micro_atomic_cases[];

#define MICRO_MAX_THREADS 2

#endif
