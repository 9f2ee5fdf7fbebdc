// Without the syncsan runtime the context API compiles, links and falls
// back (weak symbols): no topology, no pressure, no handler, and the
// worker count the program asked for (1 for 0). As C and as C++.
// RUN: %clang %O -I%srcroot/include %s -o %t.plain
// RUN: %t.plain | FileCheck %s
// RUN: %clang -x c++ %O -I%srcroot/include %s -o %t.plainxx
// RUN: %t.plainxx | FileCheck %s
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %t | FileCheck %s --check-prefix=WITH
#include <stdio.h>
#include <syncsan/syncsan.h>

static void on(int resource, int level, const struct syncsan_pressure *now, void *arg) {
  (void)resource, (void)level, (void)now, (void)arg;
}

int main(void) {
  struct syncsan_topology t;
  struct syncsan_pressure p;
  printf("active=%d topology=%d pressure=%d on_pressure=%d workers=%u,%u\n", syncsan_is_active(),
         syncsan_topology(&t), syncsan_pressure(&p),
         syncsan_on_pressure(SYNCSAN_PRESSURE_SOME, on, NULL), syncsan_recommended_workers(0),
         syncsan_recommended_workers(5));
  return 0;
}
// CHECK: active=0 topology=-1 pressure=-1 on_pressure=-1 workers=1,5
// WITH: active=1 topology=0 pressure={{-1|0}} on_pressure=0 workers={{[1-9][0-9]*}},{{[1-5]}}
