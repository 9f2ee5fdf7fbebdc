/* Parsers for the cgroup v2 and PSI files the context part of the NUMA
 * family reads. Each takes the file's whole text (NUL-terminated) and
 * says whether it was well formed, so the caller can warn once naming the
 * file; none allocates or touches global state (unit-tested on real file
 * contents, test/unit/numa/test_cgroup.c). */
#ifndef SYNCSAN_NUMA_CGROUP_PARSE_H
#define SYNCSAN_NUMA_CGROUP_PARSE_H
#include <sched.h>
#include <stdint.h>

#include "core/internal.h"

/* The result of a limit parser. */
enum ss_cg_parse { SS_CG_BAD = -1, SS_CG_NO_LIMIT = 0, SS_CG_LIMIT = 1 };

/* cpu.max: "max 100000" (no limit) or "<quota> <period>" in microseconds,
 * "150000 100000" being 1.5 CPUs: *milli = 1500 (rounded up, at least 1). */
SS_HIDDEN enum ss_cg_parse ss_cg_parse_cpu_max(const char *s, uint32_t *milli);
/* memory.max: "max" or a byte count. */
SS_HIDDEN enum ss_cg_parse ss_cg_parse_memory_max(const char *s, uint64_t *bytes);
/* A CPU list ("0-3,8,10-11", as cpuset.cpus.effective writes it; an
 * empty list is an empty set) into *set: the number of CPUs, or -1 when
 * malformed or naming a CPU past CPU_SETSIZE. */
SS_HIDDEN int ss_cg_parse_cpulist(const char *s, cpu_set_t *set);

/* One line of a PSI file: "some avg10=0.12 avg60=0.00 avg300=0.00 total=1234". */
struct ss_psi_line {
  int present;
  double avg10, avg60, avg300; /* percent of wall time */
  uint64_t total_us;
};
struct ss_psi {
  struct ss_psi_line some, full;
};
/* A whole PSI file (cpu.pressure, memory.pressure, io.pressure or
 * /proc/pressure/<r>): 1 when it has a well-formed "some" line (the
 * "full" line is optional: /proc/pressure/cpu had none before Linux 5.13),
 * 0 when malformed. */
SS_HIDDEN int ss_psi_parse(const char *s, struct ss_psi *out);
/* /proc/self/cgroup: the path of the "0::<path>" line (cgroup v2) into
 * buf: 1, or 0 when there is none (a v1-only system). */
SS_HIDDEN int ss_cg_parse_self(const char *s, char *buf, size_t n);
#endif
