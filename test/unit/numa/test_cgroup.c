/* The cgroup v2 and PSI parsers on real file contents, the walk up the
 * parents for the tightest limit over a directory tree written here, the
 * pressure levels, the worker-pool rule and the runnable-thread count. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "numa/cgroup_parse.h"
#include "numa/cgroup_read.h"
#include "numa/context_cpus.h"
#include "numa/context_oversub.h"
#include "numa/pressure_read.h"
#include "unit.h"

static void cpu_max(void) {
  uint32_t m = 0;
  CHECK(ss_cg_parse_cpu_max("max 100000\n", &m) == SS_CG_NO_LIMIT);
  CHECK(ss_cg_parse_cpu_max("150000 100000\n", &m) == SS_CG_LIMIT && m == 1500);
  CHECK(ss_cg_parse_cpu_max("50000 100000", &m) == SS_CG_LIMIT && m == 500);
  CHECK(ss_cg_parse_cpu_max("1 100000\n", &m) == SS_CG_LIMIT && m == 1); /* rounded up */
  CHECK(ss_cg_parse_cpu_max("800000 100000\n", &m) == SS_CG_LIMIT && m == 8000);
  CHECK(ss_cg_parse_cpu_max("", &m) == SS_CG_BAD);
  CHECK(ss_cg_parse_cpu_max("max\n", &m) == SS_CG_BAD);       /* no period */
  CHECK(ss_cg_parse_cpu_max("150000 0\n", &m) == SS_CG_BAD);  /* zero period */
  CHECK(ss_cg_parse_cpu_max("0 100000\n", &m) == SS_CG_BAD);  /* zero quota */
  CHECK(ss_cg_parse_cpu_max("1.5 100000\n", &m) == SS_CG_BAD);
  CHECK(ss_cg_parse_cpu_max("150000 100000 7\n", &m) == SS_CG_BAD);
}

static void memory_max(void) {
  uint64_t b = 0;
  CHECK(ss_cg_parse_memory_max("max\n", &b) == SS_CG_NO_LIMIT);
  CHECK(ss_cg_parse_memory_max("536870912\n", &b) == SS_CG_LIMIT && b == 536870912ull);
  CHECK(ss_cg_parse_memory_max("18446744073709551615\n", &b) == SS_CG_LIMIT &&
        b == 18446744073709551615ull);
  CHECK(ss_cg_parse_memory_max("18446744073709551616\n", &b) == SS_CG_BAD); /* overflow */
  CHECK(ss_cg_parse_memory_max("512M\n", &b) == SS_CG_BAD);
  CHECK(ss_cg_parse_memory_max("maximum\n", &b) == SS_CG_BAD);
  CHECK(ss_cg_parse_memory_max("", &b) == SS_CG_BAD);
}

static void cpulist(void) {
  cpu_set_t s;
  CHECK(ss_cg_parse_cpulist("0-3,8,10-11\n", &s) == 7);
  CHECK(CPU_ISSET(0, &s) && CPU_ISSET(3, &s) && !CPU_ISSET(4, &s) && CPU_ISSET(8, &s) &&
        !CPU_ISSET(9, &s) && CPU_ISSET(11, &s) && !CPU_ISSET(12, &s));
  CHECK(ss_cg_parse_cpulist("5\n", &s) == 1 && CPU_ISSET(5, &s));
  CHECK(ss_cg_parse_cpulist("\n", &s) == 0);
  CHECK(ss_cg_parse_cpulist("3-1\n", &s) == -1);
  CHECK(ss_cg_parse_cpulist("0-\n", &s) == -1);
  CHECK(ss_cg_parse_cpulist("0,,1\n", &s) == -1);
  CHECK(ss_cg_parse_cpulist("a\n", &s) == -1);
  CHECK(ss_cg_parse_cpulist("0-99999\n", &s) == -1); /* past CPU_SETSIZE */
}

static void psi(void) {
  struct ss_psi p;
  CHECK(ss_psi_parse("some avg10=0.12 avg60=1.50 avg300=20.00 total=123456\n"
                     "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
                     &p) == 1);
  CHECK(p.some.present && p.full.present);
  CHECK(p.some.avg10 > 0.1199 && p.some.avg10 < 0.1201);
  CHECK(p.some.avg60 > 1.4999 && p.some.avg60 < 1.5001);
  CHECK(p.some.avg300 > 19.999 && p.some.avg300 < 20.001 && p.some.total_us == 123456);
  /* Older kernels' /proc/pressure/cpu: no full line. */
  CHECK(ss_psi_parse("some avg10=5.00 avg60=0.00 avg300=0.00 total=9\n", &p) == 1);
  CHECK(!p.full.present);
  CHECK(ss_psi_parse("", &p) == 0);
  CHECK(ss_psi_parse("full avg10=1.00 avg60=0.00 avg300=0.00 total=9\n", &p) == 0);
  CHECK(ss_psi_parse("some avg10=x avg60=0.00 avg300=0.00 total=9\n", &p) == 0);
  CHECK(ss_psi_parse("some avg10=1.00 avg60=0.00 total=9\n", &p) == 0);
  CHECK(ss_psi_parse("some avg10=1.00 avg60=0.00 avg300=0.00 total=9\n"
                     "some avg10=1.00 avg60=0.00 avg300=0.00 total=9\n",
                     &p) == 0);
  /* Levels: full wins when its avg10 reaches its threshold. */
  ss_psi_parse("some avg10=25.00 avg60=0.00 avg300=0.00 total=9\n"
               "full avg10=12.00 avg60=0.00 avg300=0.00 total=9\n",
               &p);
  CHECK(ss_pressure_level(&p, 10, 5) == SYNCSAN_PRESSURE_FULL);
  CHECK(ss_pressure_level(&p, 10, 20) == SYNCSAN_PRESSURE_SOME);
  CHECK(ss_pressure_level(&p, 30, 20) == SYNCSAN_PRESSURE_NONE);
  ss_psi_parse("some avg10=0.00 avg60=3.00 avg300=0.00 total=9\n", &p);
  CHECK(ss_pressure_level(&p, 0, 0) == SYNCSAN_PRESSURE_NONE); /* 0: any stall; none now */
  ss_psi_parse("some avg10=0.01 avg60=3.00 avg300=0.00 total=9\n", &p);
  CHECK(ss_pressure_level(&p, 0, 0) == SYNCSAN_PRESSURE_SOME);
}

static void self_cgroup(void) {
  char b[64];
  CHECK(ss_cg_parse_self("0::/user.slice/app.scope\n", b, sizeof b) == 1);
  CHECK_STR(b, "/user.slice/app.scope");
  CHECK(ss_cg_parse_self("12:cpu,cpuacct:/x\n0::/\n", b, sizeof b) == 1);
  CHECK_STR(b, "/");
  CHECK(ss_cg_parse_self("12:cpu,cpuacct:/x\n", b, sizeof b) == 0); /* v1 only */
}

static char root[256];

static void put(const char *rel, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s%s", root, rel);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s%s/%s", root, rel, name);
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

static void walk_up(void) {
  snprintf(root, sizeof root, "/tmp/syncsan-cg-%d", (int)getpid());
  mkdir(root, 0755);
  /* The root's own quota is not a cgroup's (walk_root 0 skips it); the
   * parent's 2 CPUs bind the child whose own file says max; the child's
   * memory limit is the tighter one. */
  put("", "cpu.max", "50000 100000\n");
  put("/pod", "cpu.max", "200000 100000\n");
  put("/pod", "memory.max", "1073741824\n");
  put("/pod/app", "cpu.max", "max 100000\n");
  put("/pod/app", "memory.max", "268435456\n");
  put("/pod/app", "cpuset.cpus.effective", "0-1\n");
  struct ss_cgroup cg;
  ss_cgroup_read_at(root, "/pod/app", 0, &cg);
  CHECK(cg.quota_milli == 2000);
  char want[512];
  snprintf(want, sizeof want, "%s/pod", root);
  CHECK_STR(cg.quota_dir, want);
  CHECK(cg.mem_max == 268435456ull);
  CHECK(cg.have_cpuset && cg.ncpuset == 2);
  /* With the root walked too (the cgroup_root option's directory). */
  ss_cgroup_read_at(root, "/pod/app", 1, &cg);
  CHECK(cg.quota_milli == 500);
  /* A malformed file is no limit (warned once); a missing one too. */
  put("/pod", "cpu.max", "lots\n");
  ss_cgroup_read_at(root, "/pod/app", 0, &cg);
  CHECK(cg.quota_milli == 0);
  ss_cgroup_read_at(root, "/nowhere", 0, &cg);
  CHECK(cg.quota_milli == 0 && cg.mem_max == 0 && !cg.have_cpuset);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", root);
  CHECK(system(cmd) == 0);
}

static void workers(void) {
  /* No quota, one node: base capped by the CPUs; 0 is all of them. */
  CHECK(ss_ctx_workers(0, 8, 0, 1) == 8);
  CHECK(ss_ctx_workers(3, 8, 0, 1) == 3);
  CHECK(ss_ctx_workers(20, 8, 0, 1) == 8);
  /* The quota rounded down, at least 1. */
  CHECK(ss_ctx_workers(0, 8, 1500, 1) == 1);
  CHECK(ss_ctx_workers(0, 8, 2500, 1) == 2);
  CHECK(ss_ctx_workers(0, 8, 500, 1) == 1);
  CHECK(ss_ctx_workers(4, 8, 3000, 1) == 3);
  /* Nodes: up to a multiple of them when the cap allows; never below
   * base, never above the cap; fewer workers than nodes stay. */
  CHECK(ss_ctx_workers(3, 8, 0, 2) == 4);
  CHECK(ss_ctx_workers(5, 8, 0, 4) == 8);
  CHECK(ss_ctx_workers(3, 3, 0, 2) == 3);
  CHECK(ss_ctx_workers(1, 8, 0, 2) == 1);
  CHECK(ss_ctx_workers(0, 6, 3000, 2) == 3);
  CHECK(ss_ctx_workers(0, 1, 0, 0) == 1);
  /* The run limit for oversubscription: the quota rounded up. */
  struct ss_ctx_cpus c = {.n = 4, .quota_milli = 1500};
  CHECK(ss_ctx_run_limit(&c) == 2);
  c.quota_milli = 500;
  CHECK(ss_ctx_run_limit(&c) == 1);
  c.quota_milli = 8000;
  CHECK(ss_ctx_run_limit(&c) == 4);
}

static void episode(void) {
  /* Sustained: reported when the episode reaches the window, once. */
  struct ss_oversub_episode e = {0};
  CHECK(!ss_oversub_step(&e, 1000, 1, 3, 300));
  CHECK(!ss_oversub_step(&e, 1100, 1, 4, 300));
  CHECK(!ss_oversub_step(&e, 1200, 1, 3, 300));
  CHECK(ss_oversub_step(&e, 1300, 1, 3, 300) && e.peak == 4);
  CHECK(!ss_oversub_step(&e, 1400, 1, 3, 300)); /* once */
  /* One dip does not end an episode; two in a row do. */
  struct ss_oversub_episode d = {0};
  ss_oversub_step(&d, 0, 1, 2, 300);
  ss_oversub_step(&d, 100, 0, 1, 300);
  ss_oversub_step(&d, 200, 1, 2, 300);
  CHECK(ss_oversub_step(&d, 300, 1, 2, 300) && d.since_ms == 0);
  struct ss_oversub_episode b = {0};
  ss_oversub_step(&b, 0, 1, 2, 300);
  ss_oversub_step(&b, 100, 0, 1, 300);
  ss_oversub_step(&b, 200, 0, 1, 300);
  CHECK(!b.in_episode);
  CHECK(!ss_oversub_step(&b, 300, 1, 2, 300) && b.since_ms == 300);
  /* Bursts shorter than the window, again and again: never reported. */
  struct ss_oversub_episode r = {0};
  int any = 0;
  for (uint64_t t = 0; t < 10000; t += 100) {
    int over = (t / 100) % 5 < 2; /* 200 ms over, 300 ms under */
    any |= ss_oversub_step(&r, t, over, over ? 3 : 1, 300);
  }
  CHECK(!any);
}

static volatile int spin_stop;
static void *spin(void *arg) {
  (void)arg;
  while (!__atomic_load_n(&spin_stop, __ATOMIC_RELAXED)) {
  }
  return NULL;
}

static void runnable(void) {
  int trunc = 0;
  /* This thread is running (R) while it reads its own stat. */
  CHECK(ss_oversub_count_runnable(-1, 4096, &trunc) >= 1 && !trunc);
  CHECK(ss_oversub_count_runnable((int)syscall(SYS_gettid), 4096, &trunc) == 0);
  pthread_t th[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&th[i], NULL, spin, NULL);
  usleep(20000);
  CHECK(ss_oversub_count_runnable((int)syscall(SYS_gettid), 4096, &trunc) == 2);
  CHECK(ss_oversub_count_runnable(-1, 1, &trunc) <= 1 && trunc);
  __atomic_store_n(&spin_stop, 1, __ATOMIC_RELAXED);
  for (int i = 0; i < 2; i++)
    pthread_join(th[i], NULL);
}

UNIT_MAIN(UNIT_TEST(cpu_max), UNIT_TEST(memory_max), UNIT_TEST(cpulist), UNIT_TEST(psi),
          UNIT_TEST(self_cgroup), UNIT_TEST(walk_up), UNIT_TEST(workers), UNIT_TEST(episode),
          UNIT_TEST(runnable))
