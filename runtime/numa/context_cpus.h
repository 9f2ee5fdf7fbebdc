/* The CPUs this process may use: the affinity (or the topology's allowed
 * set), narrowed by the cgroup cpuset, and the CPU quota on top. Shared by
 * the public API (syncsan_topology, syncsan_recommended_workers) and
 * cpu-oversubscribed. */
#ifndef SYNCSAN_NUMA_CONTEXT_CPUS_H
#define SYNCSAN_NUMA_CONTEXT_CPUS_H
#include "numa/cgroup_read.h"
#include "numa/numa_topology.h"

struct ss_ctx_cpus {
  cpu_set_t set;        /* allowed CPUs */
  unsigned n;           /* how many */
  uint32_t quota_milli; /* cgroup quota; 0: none */
};

/* From the topology t when given (its allowed set: hwloc's view, which
 * for a synthetic topology is the synthetic CPUs), else from the affinity
 * the process started with, which needs no hwloc (cpu-oversubscribed
 * never loads it); then ∩ the cgroup's cpuset. */
SS_HIDDEN void ss_ctx_cpus(const struct ss_cgroup *cg, const struct ss_topo *t,
                           struct ss_ctx_cpus *out);
/* Notes the start-up affinity (the family's init, before any thread is
 * pinned: a pinning policy narrows threads, not what the process may use). */
SS_HIDDEN void ss_ctx_cpus_init(void);
/* The most threads that can run at once: n, and with a quota at most the
 * quota rounded up (1.5 CPUs run two threads, each part of the time); at
 * least 1. */
SS_HIDDEN unsigned ss_ctx_run_limit(const struct ss_ctx_cpus *c);
/* The worker-pool rule of syncsan_recommended_workers (syncsan.h): cap at
 * n and at the quota rounded down (at least 1), then up to a multiple of
 * nnodes (the nodes holding allowed CPUs) when at least nnodes and the
 * cap allows. */
SS_HIDDEN unsigned ss_ctx_workers(unsigned base, unsigned n, uint32_t quota_milli,
                                  unsigned nnodes);
#endif
