/* Reading PSI (pressure_read.h). */
#include "numa/pressure_read.h"

#include <string.h>

#include "numa/cgroup_read.h"
#include "numa/context_flags.h"

static int reaches(double avg, long pct) {
  return pct > 0 ? avg >= (double)pct : avg > 0;
}

SS_HIDDEN int ss_pressure_level(const struct ss_psi *p, long some_pct, long full_pct) {
  if (p->full.present && reaches(p->full.avg10, full_pct))
    return SYNCSAN_PRESSURE_FULL;
  if (p->some.present && reaches(p->some.avg10, some_pct))
    return SYNCSAN_PRESSURE_SOME;
  return SYNCSAN_PRESSURE_NONE;
}

static void copy_avgs(struct syncsan_pressure_avgs *a, const struct ss_psi_line *l) {
  a->avg10 = l->avg10;
  a->avg60 = l->avg60;
  a->avg300 = l->avg300;
  a->total_us = l->total_us;
}

/* 1 when dir/name was read and parsed; 0 when absent; -1 malformed. */
static int read_psi(const char *dir, const char *name, struct ss_psi *psi) {
  char text[512];
  if (ss_cg_read_file(dir, name, text, sizeof text) < 0)
    return 0;
  if (!ss_psi_parse(text, psi)) {
    ss_cg_warn_malformed(dir, name, "unavailable");
    return -1;
  }
  return 1;
}

static void read_one(const char *cgdir, const char *res, struct syncsan_pressure_resource *out) {
  memset(out, 0, sizeof *out);
  char name[32];
  ss_format(name, sizeof name, "%s.pressure", res);
  struct ss_psi psi;
  int r = cgdir ? read_psi(cgdir, name, &psi) : 0;
  if (r == 0 && !*ss_cgroup_root_option()) {
    r = read_psi("/proc/pressure", res, &psi);
  }
  if (r != 1)
    return;
  out->available = 1;
  out->level = ss_pressure_level(&psi, ss_context_flags.pressure_some_pct,
                                 ss_context_flags.pressure_full_pct);
  copy_avgs(&out->some, &psi.some);
  if (psi.full.present)
    copy_avgs(&out->full, &psi.full);
}

SS_HIDDEN int ss_pressure_read(struct syncsan_pressure *out) {
  char dir[SS_CG_PATH_MAX];
  const char *cgdir = ss_cgroup_dir(dir, sizeof dir) ? dir : NULL;
  read_one(cgdir, "cpu", &out->cpu);
  read_one(cgdir, "memory", &out->memory);
  read_one(cgdir, "io", &out->io);
  int level = out->cpu.level;
  if (out->memory.level > level)
    level = out->memory.level;
  if (out->io.level > level)
    level = out->io.level;
  out->level = level;
  return out->cpu.available || out->memory.available || out->io.available ? 0 : -1;
}
