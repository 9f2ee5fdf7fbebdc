/* cpu-oversubscribed (context_oversub.h).
 *
 * Why sustained: a burst of runnable threads (a pool waking to a batch)
 * is normal and short; what costs throughput is a process that keeps more
 * threads runnable than it has CPUs, so each waits for a slice and the
 * quota throttles it. A look counts the threads in state R, which for
 * the kernel includes those waiting on a run queue. An episode starts at
 * the first look over the limit and ends at the second look in a row at or
 * under it (one dip, a thread blocking for a moment, does not end it); an
 * episode as long as oversub_window_ms is reported, once per process.
 *
 * Cost: a look reads /proc/self/status (the thread count) and stops there
 * when the process has no more threads than the limit, so a program with
 * few threads pays one small read per look; otherwise it reads one stat
 * file per thread, at most max_oversub_tasks, and the next look waits at
 * least 100 times as long as this one took (the check takes at most 1% of
 * the monitor thread, whatever the thread count). The cgroup files are read
 * again at most once a second. hwloc is not loaded: the CPUs come from the
 * affinity and the cgroup. */
#include "numa/context_oversub.h"

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/os_threads.h"
#include "core/report.h"
#include "numa/context_cpus.h"
#include "numa/context_flags.h"

#define LIMITS_EVERY_MS 1000
#define NAMES_MAX 8

/* A look costs about 17 us per thread read here (and 50 us for the
 * status file): with many threads, looks are spaced so that they take at
 * most 1/COST_SHARE of the monitor's time. */
#define COST_SHARE 100

/* Monitor thread only. */
static struct {
  uint64_t last_look_ms, limits_ms;
  uint64_t gap_ms; /* at least this between looks: period, or 100 x the last scan */
  int have_limits;
  struct ss_cgroup cg;
  struct ss_ctx_cpus cpus;
  struct ss_oversub_episode ep;
} st;
static int warned_tasks;

/* The state letter of /proc/self/task/<tid>/stat: after the last ')',
 * since the command name in parentheses may itself hold one. */
static char task_state(const char *tid, char *name, size_t namelen) {
  char dir[64], text[1024];
  ss_format(dir, sizeof dir, "/proc/self/task/%s", tid);
  long n = ss_cg_read_file(dir, "stat", text, sizeof text);
  if (n <= 0)
    return 0;
  char *open = strchr(text, '('), *close = strrchr(text, ')');
  if (!open || !close || close < open || close[1] != ' ')
    return 0;
  if (name) {
    size_t len = (size_t)(close - open - 1);
    if (len >= namelen)
      len = namelen - 1;
    memcpy(name, open + 1, len);
    name[len] = 0;
  }
  return close[2];
}

struct scan {
  int runnable;
  char names[NAMES_MAX][17];
  int tids[NAMES_MAX];
  unsigned nnames;
};

static int scan_tasks(int skip_tid, unsigned max, int *truncated, struct scan *out) {
  *truncated = 0;
  out->runnable = 0;
  out->nnames = 0;
  /* getdents64 rather than opendir: no malloc on the monitor thread. */
  int fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  char buf[4096] __attribute__((aligned(8)));
  unsigned seen = 0;
  for (;;) {
    long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (n <= 0)
      break;
    for (long off = 0; off < n;) {
      struct dirent64 *d = (struct dirent64 *)(buf + off);
      off += d->d_reclen;
      if (d->d_name[0] < '0' || d->d_name[0] > '9')
        continue;
      if (seen == max) {
        *truncated = 1;
        goto done;
      }
      seen++;
      int tid = 0;
      for (const char *p = d->d_name; *p >= '0' && *p <= '9'; p++)
        tid = tid * 10 + (*p - '0');
      if (tid == skip_tid)
        continue;
      char name[17];
      if (task_state(d->d_name, name, sizeof name) == 'R') {
        if (out->nnames < NAMES_MAX) {
          out->tids[out->nnames] = tid;
          memcpy(out->names[out->nnames++], name, sizeof name);
        }
        out->runnable++;
      }
    }
  }
done:
  close(fd);
  return out->runnable;
}

SS_HIDDEN int ss_oversub_count_runnable(int skip_tid, unsigned max, int *truncated) {
  struct scan s;
  return scan_tasks(skip_tid, max, truncated, &s);
}

/* "1.5" for 1500 milli-CPUs (ss_format has no %f). */
static const char *milli_str(char *buf, size_t n, uint32_t m) {
  if (m % 1000 == 0)
    ss_format(buf, n, "%u", m / 1000);
  else if (m % 100 == 0)
    ss_format(buf, n, "%u.%u", m / 1000, (m % 1000) / 100);
  else
    ss_format(buf, n, "%u.%03u", m / 1000, m % 1000);
  return buf;
}

/* The SUMMARY line's place: the problem is the process's, under the
 * cgroup that sets its limit. */
static char where_file[SS_CG_PATH_MAX];
static const struct syncsan_site where = {
    .file = where_file, .function = "(process)", .op = UINT32_MAX};

static void report(uint64_t now, const struct scan *s, unsigned threads, unsigned limit) {
  ss_format(where_file, sizeof where_file, "%s",
            st.cpus.quota_milli ? st.cg.quota_dir : st.cg.dir[0] ? st.cg.dir : "(no cgroup)");
  struct ss_report *r =
      ss_report_begin("cpu-oversubscribed", SS_SEV_WARNING, &where, 0, 0);
  if (!r)
    return;
  const struct ss_ctx_cpus *c = &st.cpus;
  ss_report_headline(r,
                     "%d runnable threads for %u CPU%s the process may use, for %llu ms "
                     "(up to %u at once)",
                     s->runnable, limit, limit == 1 ? "" : "s",
                     (unsigned long long)(now - st.ep.since_ms), st.ep.peak);
  char q[32], list[256];
  ss_buf_printf(&r->notes,
                "  threads of the process: %u, runnable now: %d (the monitor not counted)\n",
                threads ? threads - 1 : 0, s->runnable);
  list[0] = 0;
  size_t len = 0;
  for (int cpu = 0; cpu < CPU_SETSIZE && len < sizeof list - 16; cpu++)
    if (CPU_ISSET(cpu, &c->set)) {
      int last = cpu;
      while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, &c->set))
        last++;
      const char *sep = len ? "," : "";
      len += last > cpu ? ss_format(list + len, sizeof list - len, "%s%d-%d", sep, cpu, last)
                        : ss_format(list + len, sizeof list - len, "%s%d", sep, cpu);
      cpu = last;
    }
  ss_buf_printf(&r->notes, "  allowed CPUs: %u (%s; affinity and cgroup cpuset)\n", c->n,
                len ? list : "none");
  if (c->quota_milli)
    ss_buf_printf(&r->notes, "  CPU quota: %s CPUs (cpu.max in %s)\n",
                  milli_str(q, sizeof q, c->quota_milli), st.cg.quota_dir);
  else
    ss_buf_printf(&r->notes, "  CPU quota: none\n");
  ss_buf_printf(&r->notes, "  cgroup: %s\n", st.cg.dir[0] ? st.cg.dir : "(none found)");
  if (s->nnames) {
    ss_buf_printf(&r->notes, "  runnable threads (kernel tid and name):");
    for (unsigned i = 0; i < s->nnames; i++)
      ss_buf_printf(&r->notes, " %d '%s'", s->tids[i], s->names[i]);
    ss_buf_printf(&r->notes, "%s\n", (unsigned)s->runnable > s->nnames ? " ..." : "");
  }
  ss_buf_printf(&r->notes,
                "  the extra threads wait for a CPU or are throttled by the quota: size pools "
                "with syncsan_recommended_workers()\n");
  ss_report_end(r);
}

static void refresh_limits(uint64_t now) {
  if (st.have_limits && now - st.limits_ms < LIMITS_EVERY_MS)
    return;
  ss_cgroup_read(&st.cg);
  ss_ctx_cpus(&st.cg, NULL, &st.cpus);
  st.have_limits = 1;
  st.limits_ms = now;
}

SS_HIDDEN void ss_oversub_tick(uint64_t now) {
  long period = ss_context_flags.oversub_check_ms;
  if (period <= 0 || st.ep.reported ||
      now - st.last_look_ms < ((uint64_t)period > st.gap_ms ? (uint64_t)period : st.gap_ms))
    return;
  st.last_look_ms = now;
  st.gap_ms = 0;
  refresh_limits(now);
  unsigned limit = ss_ctx_run_limit(&st.cpus);
  unsigned threads = ss_os_thread_count();
  struct scan s = {0};
  int over = 0;
  /* The monitor is one of the threads; it is never runnable for long. */
  if (threads > limit + 1) {
    int truncated;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = scan_tasks((int)syscall(SYS_gettid), (unsigned)ss_context_flags.max_oversub_tasks,
                        &truncated, &s);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    uint64_t cost_us = (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000u +
                       (uint64_t)((t1.tv_nsec - t0.tv_nsec) / 1000);
    st.gap_ms = cost_us * COST_SHARE / 1000;
    if (rc < 0)
      return;
    if (truncated)
      ss_warn_once(&warned_tasks,
                   "cpu-oversubscribed: the process has more than %ld threads; each look "
                   "reads the first max_oversub_tasks",
                   ss_context_flags.max_oversub_tasks);
    over = (unsigned)s.runnable > limit;
  }
  if (ss_oversub_step(&st.ep, now, over, (unsigned)s.runnable,
                      (uint64_t)ss_context_flags.oversub_window_ms))
    report(now, &s, threads, limit);
}

SS_HIDDEN int ss_oversub_step(struct ss_oversub_episode *e, uint64_t now, int over,
                              unsigned runnable, uint64_t window_ms) {
  if (!over) {
    if (e->in_episode && ++e->dips >= 2)
      e->in_episode = 0;
    return 0;
  }
  if (!e->in_episode) {
    e->in_episode = 1;
    e->since_ms = now;
    e->peak = 0;
  }
  e->dips = 0;
  if (runnable > e->peak)
    e->peak = runnable;
  if (e->reported || now - e->since_ms < window_ms)
    return 0;
  e->reported = 1;
  return 1;
}

/* The child has its own threads and its own verdict. */
SS_HIDDEN void ss_oversub_fork_child(void) { memset(&st, 0, sizeof st); }
