/* Pressure stall information (PSI) for CPU, memory and I/O, as levels.
 *
 * Where: with cgroup_root=DIR, DIR/cpu.pressure, DIR/memory.pressure and
 * DIR/io.pressure only. Without it, the process's own cgroup's files
 * first (a container's pressure, not the host's), then the system-wide
 * /proc/pressure/cpu, memory and io. A resource with no readable file is
 * unavailable; a malformed file makes it unavailable with a one-time
 * warning naming the file.
 *
 * Levels, from avg10 (the last 10 seconds): full when "full avg10" is at
 * least pressure_full_pct, else some when "some avg10" is at least
 * pressure_some_pct, else none. A threshold of 0 means any stall (an
 * average above 0). */
#ifndef SYNCSAN_NUMA_PRESSURE_READ_H
#define SYNCSAN_NUMA_PRESSURE_READ_H
#include "numa/cgroup_parse.h"
#include "numa/context_api.h"

/* Reads the three resources now: 0, or -1 when none is available. */
SS_HIDDEN int ss_pressure_read(struct syncsan_pressure *out);
/* The level of one parsed file under the thresholds (in percent). */
SS_HIDDEN int ss_pressure_level(const struct ss_psi *p, long some_pct, long full_pct);
#endif
