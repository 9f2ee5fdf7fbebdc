/* The process's cgroup v2 limits, read from the cgroup file system.
 *
 * Where: the "0::<path>" line of /proc/self/cgroup names the process's
 * cgroup under the cgroup v2 mount, /sys/fs/cgroup (or, on a hybrid
 * system, /sys/fs/cgroup/unified; cgroup v1's own files are not read). With the option
 * cgroup_root=DIR the files are read from DIR itself instead (no
 * /proc/self/cgroup, no parents): a test fills DIR with cpu.max,
 * cpuset.cpus.effective, memory.max and the PSI files.
 *
 * The tightest limit: a parent's cpu.max and memory.max bind its children
 * too, and a container's own cgroup often says "max" while its parent
 * (the pod, the slice) holds the limit. So cpu.max and memory.max are
 * read from the process's cgroup and every parent up to (not including)
 * the root, and the smallest wins; cpuset.cpus.effective is read from the
 * process's cgroup only (the kernel folds the parents into it).
 *
 * A missing or unreadable file means no limit. A malformed one means no
 * limit too, with a one-time warning naming the file. No malloc, no
 * stdio: the monitor thread calls these. */
#ifndef SYNCSAN_NUMA_CGROUP_READ_H
#define SYNCSAN_NUMA_CGROUP_READ_H
#include "numa/cgroup_parse.h"

#define SS_CG_PATH_MAX 512

struct ss_cgroup {
  /* The directory the files were read from (the process's cgroup, or
   * cgroup_root); "" when no cgroup v2 was found. */
  char dir[SS_CG_PATH_MAX];
  uint32_t quota_milli;   /* the tightest cpu.max; 0: no quota */
  char quota_dir[SS_CG_PATH_MAX]; /* where it was set */
  uint64_t mem_max;       /* the tightest memory.max; 0: no limit */
  int have_cpuset;        /* cpuset.cpus.effective was read and not empty */
  cpu_set_t cpuset;
  unsigned ncpuset;
};

/* The limits now (every call reads the files). */
SS_HIDDEN void ss_cgroup_read(struct ss_cgroup *cg);
/* The same, for the cgroup `rel` ("/a/b", or "" for root itself) under
 * `root`: walks from root+rel up to, and with walk_root also including,
 * root itself. Exposed for unit tests (a temporary directory tree). */
SS_HIDDEN void ss_cgroup_read_at(const char *root, const char *rel, int walk_root,
                                 struct ss_cgroup *cg);
/* The directory of the process's cgroup files into buf (as
 * ss_cgroup_read finds it); 0 when there is none. */
SS_HIDDEN int ss_cgroup_dir(char *buf, size_t n);
/* A small file's whole text into buf (NUL-terminated): its length, or -1
 * when it cannot be opened or read. */
SS_HIDDEN long ss_cg_read_file(const char *dir, const char *name, char *buf, size_t n);
/* The one-time warning for a malformed file; `what` is what it is taken
 * for ("no limit", "unavailable"). */
SS_HIDDEN void ss_cg_warn_malformed(const char *dir, const char *name, const char *what);
/* The cgroup_root option ("" for none). */
SS_HIDDEN const char *ss_cgroup_root_option(void);
#endif
