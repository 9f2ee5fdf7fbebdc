// syncsan_on_pressure: a handler runs on syncsan's monitor thread when a
// resource reaches its level from below, and once when it falls back
// below it; a handler for "full" is not called for "some". The PSI file
// is rewritten here (cgroup_root=) between the looks. Near misses: pressure
// under the threshold calls no handler; pressure_poll_ms=0 refuses one.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.d:pressure_poll_ms=20 %t %t.d 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.d:pressure_poll_ms=20 %t %t.d low 2>&1 | FileCheck %s --check-prefix=LOW
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.d:pressure_poll_ms=0 %t %t.d 2>&1 | FileCheck %s --check-prefix=OFF
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syncsan/syncsan.h>
#include <time.h>

static const char *dir;
static int events;
static pthread_t main_thread;

static void set_cpu(double some, double full) {
  char tmp[512], path[512];
  snprintf(tmp, sizeof tmp, "%s/.cpu.tmp", dir);
  snprintf(path, sizeof path, "%s/cpu.pressure", dir);
  FILE *f = fopen(tmp, "w");
  fprintf(f, "some avg10=%.2f avg60=0.00 avg300=0.00 total=1\nfull avg10=%.2f avg60=0.00 "
             "avg300=0.00 total=1\n", some, full);
  fclose(f);
  rename(tmp, path); /* the monitor reads a whole file, old or new */
}

static void on(int resource, int level, const struct syncsan_pressure *now, void *arg) {
  printf("%s: resource=%d level=%d avg10=%.2f monitor=%d\n", (const char *)arg, resource, level,
         now->cpu.some.avg10, !pthread_equal(pthread_self(), main_thread));
  fflush(stdout);
  __atomic_add_fetch(&events, 1, __ATOMIC_RELEASE);
}

/* Waits until `n` events in all, or 3 s. */
static void wait_events(int n) {
  for (int i = 0; i < 300 && __atomic_load_n(&events, __ATOMIC_ACQUIRE) < n; i++) {
    struct timespec ts = {0, 10000000};
    nanosleep(&ts, NULL);
  }
}

static void pause_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
  nanosleep(&ts, NULL);
}

int main(int argc, char **argv) {
  dir = argv[1];
  main_thread = pthread_self();
  set_cpu(0, 0);
  int rc1 = syncsan_on_pressure(SYNCSAN_PRESSURE_SOME, on, "some-handler");
  int rc2 = syncsan_on_pressure(SYNCSAN_PRESSURE_FULL, on, "full-handler");
  printf("registered %d %d bad-level %d\n", rc1, rc2, syncsan_on_pressure(7, on, "x"));
  fflush(stdout);
  if (rc1 != 0)
    return 0;
  if (argc > 2 && !strcmp(argv[2], "low")) {
    set_cpu(5, 1); /* under the default thresholds (10 and 5) */
    pause_ms(200);
    printf("events %d\n", events);
    return 0;
  }
  pause_ms(100); /* looks at no pressure: nothing */
  set_cpu(50, 0);
  wait_events(1);
  pause_ms(100); /* still at "some": no repeat */
  set_cpu(50, 20);
  wait_events(2);
  set_cpu(0, 0);
  wait_events(4);
  printf("events %d\n", events);
  return 0;
}
// CHECK: registered 0 0 bad-level -1
// CHECK-NEXT: some-handler: resource=0 level=1 avg10=50.00 monitor=1
// CHECK-NEXT: full-handler: resource=0 level=2 avg10=50.00 monitor=1
// CHECK-NEXT: some-handler: resource=0 level=0 avg10=0.00 monitor=1
// CHECK-NEXT: full-handler: resource=0 level=0 avg10=0.00 monitor=1
// CHECK-NEXT: events 4

// LOW: registered 0 0 bad-level -1
// LOW-NEXT: events 0

// OFF: registered -1 -1 bad-level -1
