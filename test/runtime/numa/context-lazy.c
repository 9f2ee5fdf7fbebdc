// The context part loads hwloc only for the topology calls: a program
// with threads (the monitor's cpu-oversubscribed looks running) that asks
// for pressure has no libhwloc mapped; syncsan_topology maps it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=oversub_check_ms=10 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>
#include <time.h>

static int hwloc_mapped(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[1024];
  int found = 0;
  while (f && fgets(line, sizeof line, f))
    found |= strstr(line, "libhwloc") != NULL;
  if (f)
    fclose(f);
  return found;
}

static void *idle(void *arg) {
  (void)arg;
  struct timespec ts = {0, 100000000};
  nanosleep(&ts, NULL);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, idle, NULL);
  struct syncsan_pressure p;
  syncsan_pressure(&p);
  pthread_join(t, NULL);
  printf("before: %d\n", hwloc_mapped());
  struct syncsan_topology topo;
  int rc = syncsan_topology(&topo);
  printf("after: %d rc=%d\n", hwloc_mapped(), rc);
  return 0;
}
// CHECK: before: 0
// CHECK-NEXT: after: 1 rc=0
