// syncsan_pressure: PSI files from cgroup_root= (real file contents) as
// levels with their averages: cpu at "some" (some avg10 25 >= 10), memory
// at "full" (full avg10 12 >= 5), io missing (unavailable); the thresholds
// are options; a malformed file is unavailable with a one-time warning
// naming it. Without the option the calls read this machine's files and
// must parse them (no warning).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: rm -rf %t.d %t.bad && mkdir -p %t.d %t.bad
// RUN: printf 'some avg10=25.00 avg60=12.50 avg300=3.25 total=987654\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n' > %t.d/cpu.pressure
// RUN: printf 'some avg10=40.00 avg60=30.00 avg300=20.00 total=5\nfull avg10=12.00 avg60=6.00 avg300=1.00 total=3\n' > %t.d/memory.pressure
// RUN: printf 'some avg10=x\n' > %t.bad/io.pressure
// RUN: cp %t.d/cpu.pressure %t.bad/cpu.pressure
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.d %t 2>&1 | FileCheck %s --check-prefix=DEF
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.d:pressure_some_pct=30:pressure_full_pct=15 %t 2>&1 | FileCheck %s --check-prefix=HIGH
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.bad %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env SYNCSAN_OPTIONS=cgroup_root=%t.none %t 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: %t 2>&1 | FileCheck %s --check-prefix=REAL --implicit-check-not=malformed
#include <stdio.h>
#include <syncsan/syncsan.h>

static void show(const char *name, const struct syncsan_pressure_resource *r) {
  printf("%s available=%d level=%d some=%.2f/%.2f/%.2f/%llu full=%.2f/%.2f/%.2f/%llu\n", name,
         r->available, r->level, r->some.avg10, r->some.avg60, r->some.avg300, r->some.total_us,
         r->full.avg10, r->full.avg60, r->full.avg300, r->full.total_us);
}

int main(void) {
  struct syncsan_pressure p;
  int rc = syncsan_pressure(&p);
  printf("rc=%d level=%d\n", rc, p.level);
  show("cpu", &p.cpu);
  show("memory", &p.memory);
  show("io", &p.io);
  return 0;
}
// DEF: rc=0 level=2
// DEF-NEXT: cpu available=1 level=1 some=25.00/12.50/3.25/987654 full=0.00/0.00/0.00/0
// DEF-NEXT: memory available=1 level=2 some=40.00/30.00/20.00/5 full=12.00/6.00/1.00/3
// DEF-NEXT: io available=0 level=0

// HIGH: rc=0 level=1
// HIGH-NEXT: cpu available=1 level=0
// HIGH-NEXT: memory available=1 level=1

// BAD: WARNING: SyncSanitizer: malformed {{.*}}.bad/io.pressure is ignored (taken for unavailable)
// BAD: rc=0 level=1
// BAD: io available=0

// NONE: rc=-1 level=0
// NONE-NEXT: cpu available=0

// REAL: rc={{0|-1}}
