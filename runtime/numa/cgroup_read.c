/* Reading the cgroup v2 limits (cgroup_read.h). */
#include "numa/cgroup_read.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "numa/context_flags.h"

/* Where cgroup v2 is mounted: /sys/fs/cgroup on a unified system, or
 * /sys/fs/cgroup/unified beside the v1 controllers on a hybrid one (whose
 * v2 hierarchy then holds no controller's limits, but PSI). Found once:
 * 1 unified, 2 hybrid, 3 neither; the race of two first callers is
 * benign (they find the same). */
static int mount_kind;

static const char *cg_mount(void) {
  int k = __atomic_load_n(&mount_kind, __ATOMIC_RELAXED);
  if (!k) {
    k = access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0           ? 1
        : access("/sys/fs/cgroup/unified/cgroup.controllers", F_OK) == 0 ? 2
                                                                         : 3;
    __atomic_store_n(&mount_kind, k, __ATOMIC_RELAXED);
  }
  return k == 1 ? "/sys/fs/cgroup" : k == 2 ? "/sys/fs/cgroup/unified" : NULL;
}

SS_HIDDEN const char *ss_cgroup_root_option(void) {
  const char *r = ss_context_flags.cgroup_root;
  return r ? r : "";
}

SS_HIDDEN long ss_cg_read_file(const char *dir, const char *name, char *buf, size_t n) {
  char path[SS_CG_PATH_MAX + 64];
  if (ss_format(path, sizeof path, "%s/%s", dir, name) >= sizeof path - 1)
    return -1;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  size_t len = 0;
  while (len < n - 1) {
    ssize_t r = read(fd, buf + len, n - 1 - len);
    if (r < 0) {
      close(fd);
      return -1;
    }
    if (r == 0)
      break;
    len += (size_t)r;
  }
  close(fd);
  buf[len] = 0;
  return (long)len;
}

/* One warning per file name (cpu.max, memory.max, ...): a program whose
 * monitor reads a bad file every tick is told once. */
static const char *const warn_names[] = {"cpu.max", "memory.max", "cpuset.cpus.effective",
                                         "cpu.pressure", "memory.pressure", "io.pressure",
                                         "cpu", "memory", "io"};
static int warned[SS_ARRAY_SIZE(warn_names) + 1];

SS_HIDDEN void ss_cg_warn_malformed(const char *dir, const char *name, const char *what) {
  size_t i = 0;
  while (i < SS_ARRAY_SIZE(warn_names) && strcmp(warn_names[i], name))
    i++;
  ss_warn_once(&warned[i], "malformed %s/%s is ignored (taken for %s)", dir, name, what);
}

SS_HIDDEN int ss_cgroup_dir(char *buf, size_t n) {
  const char *opt = ss_cgroup_root_option();
  if (*opt) {
    ss_format(buf, n, "%s", opt);
    return 1;
  }
  char text[4096], rel[SS_CG_PATH_MAX];
  const char *mount = cg_mount();
  if (!mount || ss_cg_read_file("/proc/self", "cgroup", text, sizeof text) < 0 ||
      !ss_cg_parse_self(text, rel, sizeof rel))
    return 0;
  if (!strcmp(rel, "/"))
    rel[0] = 0;
  return ss_format(buf, n, "%s%s", mount, rel) < n - 1;
}

static void read_limits(const char *dir, struct ss_cgroup *cg) {
  char text[256];
  uint32_t milli;
  uint64_t bytes;
  if (ss_cg_read_file(dir, "cpu.max", text, sizeof text) >= 0) {
    enum ss_cg_parse r = ss_cg_parse_cpu_max(text, &milli);
    if (r == SS_CG_BAD)
      ss_cg_warn_malformed(dir, "cpu.max", "no limit");
    else if (r == SS_CG_LIMIT && (!cg->quota_milli || milli < cg->quota_milli)) {
      cg->quota_milli = milli;
      ss_format(cg->quota_dir, sizeof cg->quota_dir, "%s", dir);
    }
  }
  if (ss_cg_read_file(dir, "memory.max", text, sizeof text) >= 0) {
    enum ss_cg_parse r = ss_cg_parse_memory_max(text, &bytes);
    if (r == SS_CG_BAD)
      ss_cg_warn_malformed(dir, "memory.max", "no limit");
    else if (r == SS_CG_LIMIT && (!cg->mem_max || bytes < cg->mem_max))
      cg->mem_max = bytes ? bytes : 1; /* 0 here means none */
  }
}

SS_HIDDEN void ss_cgroup_read_at(const char *root, const char *rel, int walk_root,
                                 struct ss_cgroup *cg) {
  memset(cg, 0, sizeof *cg);
  if (ss_format(cg->dir, sizeof cg->dir, "%s%s", root, rel) >= sizeof cg->dir - 1) {
    cg->dir[0] = 0;
    return;
  }
  char text[4096];
  if (ss_cg_read_file(cg->dir, "cpuset.cpus.effective", text, sizeof text) >= 0) {
    int n = ss_cg_parse_cpulist(text, &cg->cpuset);
    if (n < 0)
      ss_cg_warn_malformed(cg->dir, "cpuset.cpus.effective", "no limit");
    else if (n > 0) {
      cg->have_cpuset = 1;
      cg->ncpuset = (unsigned)n;
    }
  }
  /* From the process's cgroup up: cut the last component each time. */
  char dir[SS_CG_PATH_MAX];
  ss_format(dir, sizeof dir, "%s", cg->dir);
  size_t rootlen = strlen(root);
  for (;;) {
    size_t len = strlen(dir);
    if (len <= rootlen) {
      if (walk_root)
        read_limits(dir, cg);
      break;
    }
    read_limits(dir, cg);
    while (len > rootlen && dir[len - 1] != '/')
      len--;
    if (len > rootlen)
      len--; /* the '/' */
    dir[len] = 0;
  }
}

SS_HIDDEN void ss_cgroup_read(struct ss_cgroup *cg) {
  const char *opt = ss_cgroup_root_option();
  if (*opt) {
    ss_cgroup_read_at(opt, "", 1, cg);
    return;
  }
  char text[4096], rel[SS_CG_PATH_MAX];
  const char *mount = cg_mount();
  if (!mount || ss_cg_read_file("/proc/self", "cgroup", text, sizeof text) < 0 ||
      !ss_cg_parse_self(text, rel, sizeof rel)) {
    memset(cg, 0, sizeof *cg);
    return;
  }
  if (!strcmp(rel, "/"))
    rel[0] = 0;
  /* The root cgroup's own cpu.max does not exist; its children's do. */
  ss_cgroup_read_at(mount, rel, 0, cg);
}
