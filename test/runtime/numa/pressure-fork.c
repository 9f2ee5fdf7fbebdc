// A forked child keeps the pressure handlers and its own monitor calls
// them, for what the child sees: the parent saw no pressure, the child
// (single-threaded) sees "some" and then none again.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.d:pressure_poll_ms=20 %t %t.d 2>&1 | FileCheck %s
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syncsan/syncsan.h>
#include <time.h>
#include <unistd.h>

static const char *dir;
static int events;
static int is_child;

static void set_cpu(double some) {
  char tmp[512], path[512];
  snprintf(tmp, sizeof tmp, "%s/.cpu.tmp", dir);
  snprintf(path, sizeof path, "%s/cpu.pressure", dir);
  FILE *f = fopen(tmp, "w");
  fprintf(f, "some avg10=%.2f avg60=0.00 avg300=0.00 total=1\n", some);
  fclose(f);
  rename(tmp, path);
}

static void on(int resource, int level, const struct syncsan_pressure *now, void *arg) {
  (void)now, (void)arg;
  printf("%s: resource=%d level=%d\n", is_child ? "child" : "parent", resource, level);
  fflush(stdout);
  __atomic_add_fetch(&events, 1, __ATOMIC_RELEASE);
}

static void wait_events(int n) {
  for (int i = 0; i < 300 && __atomic_load_n(&events, __ATOMIC_ACQUIRE) < n; i++) {
    struct timespec ts = {0, 10000000};
    nanosleep(&ts, NULL);
  }
}

int main(int argc, char **argv) {
  (void)argc;
  dir = argv[1];
  set_cpu(0);
  if (syncsan_on_pressure(SYNCSAN_PRESSURE_SOME, on, NULL) != 0)
    return 1;
  struct timespec ts = {0, 100000000};
  nanosleep(&ts, NULL); /* the parent's monitor looks: none */
  pid_t pid = fork();
  if (pid == 0) {
    is_child = 1;
    set_cpu(50);
    wait_events(1);
    set_cpu(0);
    wait_events(2);
    printf("child events %d\n", events);
    fflush(stdout);
    _exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
  printf("parent events %d exit %d\n", events, WEXITSTATUS(st));
  return 0;
}
// The parent's monitor may see the child's file too; only the child's
// lines are in order here.
// CHECK: child: resource=0 level=1
// CHECK: child: resource=0 level=0
// CHECK: child events 2
// CHECK: parent events {{[0-9]}} exit 0
