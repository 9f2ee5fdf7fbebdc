/* The allowed CPUs and the limits derived from them (context_cpus.h). */
#include "numa/context_cpus.h"

#include <unistd.h>

static cpu_set_t start_affinity; /* written at start-up only */

SS_HIDDEN void ss_ctx_cpus_init(void) {
  if (sched_getaffinity(0, sizeof start_affinity, &start_affinity) != 0) {
    CPU_ZERO(&start_affinity);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    for (long c = 0; c < n && c < CPU_SETSIZE; c++)
      CPU_SET((int)c, &start_affinity);
  }
}

SS_HIDDEN void ss_ctx_cpus(const struct ss_cgroup *cg, const struct ss_topo *t,
                           struct ss_ctx_cpus *out) {
  out->set = t ? t->allowed : start_affinity;
  if (cg->have_cpuset)
    CPU_AND(&out->set, &out->set, &cg->cpuset);
  out->n = (unsigned)CPU_COUNT(&out->set);
  out->quota_milli = cg->quota_milli;
}

SS_HIDDEN unsigned ss_ctx_run_limit(const struct ss_ctx_cpus *c) {
  unsigned lim = c->n;
  if (c->quota_milli) {
    unsigned q = (c->quota_milli + 999) / 1000;
    if (q < lim)
      lim = q;
  }
  return lim ? lim : 1;
}

SS_HIDDEN unsigned ss_ctx_workers(unsigned base, unsigned n, uint32_t quota_milli,
                                  unsigned nnodes) {
  unsigned cap = n ? n : 1;
  if (quota_milli) {
    unsigned q = quota_milli / 1000;
    if (q < 1)
      q = 1;
    if (q < cap)
      cap = q;
  }
  unsigned r = base && base < cap ? base : cap;
  if (nnodes > 1 && r >= nnodes && r % nnodes) {
    unsigned up = (r / nnodes + 1) * nnodes;
    if (up <= cap)
      r = up;
  }
  return r;
}
