// cpu-oversubscribed: more runnable threads than the CPUs the quota and
// the cpuset allow, for longer than oversub_window_ms. The cgroup files
// come from a directory filled here (cgroup_root=): cpu.max "50000
// 100000" is half a CPU, so one thread at a time; two busy threads for a
// second outnumber it in every look. A warning: the exit status stays 0.
// A cpuset of one CPU limits as well. Near misses: the same threads under
// a quota of 8 CPUs (the limit is then this machine's CPUs, at least the
// two threads), a burst shorter than the window, the check off (the
// default), and looks
// capped at one thread (max_oversub_tasks=1, warned once).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: rm -rf %t.half %t.eight && mkdir -p %t.half %t.eight
// RUN: echo "50000 100000" > %t.half/cpu.max
// RUN: echo "800000 100000" > %t.eight/cpu.max
// RUN: rm -rf %t.one && mkdir -p %t.one && echo 0 > %t.one/cpuset.cpus.effective
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.half:oversub_check_ms=50:oversub_window_ms=300 %expect-exit 0 %t 2 1000 2>&1 | FileCheck %s --implicit-check-not=cpu-oversubscribed
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.half:oversub_check_ms=50:oversub_window_ms=300:log_format=json %expect-exit 0 %t 2 1000 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.one:oversub_check_ms=50:oversub_window_ms=300 %expect-exit 0 %t 2 1000 2>&1 | FileCheck %s --check-prefix=SET --implicit-check-not=cpu-oversubscribed
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.half:oversub_check_ms=50:oversub_window_ms=300:max_oversub_tasks=1 %expect-exit 0 %t 2 1000 2>&1 | FileCheck %s --check-prefix=CAP --implicit-check-not="runnable threads for"
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.eight:oversub_check_ms=50:oversub_window_ms=300 %expect-exit 0 %t 2 1000 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.half:oversub_check_ms=50:oversub_window_ms=3000 %expect-exit 0 %t 2 600 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.half:oversub_window_ms=300 %expect-exit 0 %t 2 1000 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long busy_ms;

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *spin(void *arg) {
  (void)arg;
  long end = now_ms() + busy_ms;
  volatile unsigned long x = 0;
  while (now_ms() < end)
    x++;
  return NULL;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 2;
  busy_ms = argc > 2 ? atol(argv[2]) : 1000;
  pthread_t th[16];
  for (int i = 0; i < n && i < 16; i++)
    pthread_create(&th[i], NULL, spin, NULL);
  for (int i = 0; i < n && i < 16; i++)
    pthread_join(th[i], NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: WARNING: SyncSanitizer: cpu-oversubscribed: 2 runnable threads for 1 CPU the process may use, for {{[0-9]+}} ms
// CHECK: allowed CPUs: {{[0-9]+}} (
// CHECK: CPU quota: 0.5 CPUs (cpu.max in {{.*}}.half)
// CHECK: cgroup: {{.*}}.half
// CHECK: SUMMARY: SyncSanitizer: cpu-oversubscribed {{.*}}.half in (process)
// CHECK: done
// JSON: {"tool":"syncsan",{{.*}}"severity":"warning","check":"cpu-oversubscribed","message":"2 runnable threads for 1 CPU the process may use
// JSON-SAME: CPU quota: 0.5 CPUs
// JSON: done
// A cpuset of one CPU, no quota.
// SET: WARNING: SyncSanitizer: cpu-oversubscribed: 2 runnable threads for 1 CPU the process may use
// SET: allowed CPUs: 1 (0; affinity and cgroup cpuset)
// SET-NEXT: CPU quota: none
// SET: SUMMARY: SyncSanitizer: cpu-oversubscribed
// SET: done

// A look reads one thread at most: it cannot count two runnable ones.
// CAP: WARNING: SyncSanitizer: cpu-oversubscribed: the process has more than 1 threads; each look reads the first max_oversub_tasks
// CAP: done

// OK: done
