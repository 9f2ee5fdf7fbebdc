// The queue_policy= file: lines match queues by name (a glob) or by
// creation site ("file:line", the file's last path component will do);
// the first matching line applies. Here it makes two stalled pops fail
// through their timed forms after 100 ms, one queue matched by name and
// one by site. A bad line ends the process before the program runs,
// naming the file and line (the rules of every configuration file).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: printf '# queues\nname=jo* stall_ms=100 stall_action=fail\nsite=policy-file.c:34 stall_ms=100 stall_action=fail\n' > %t.good
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.good %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: printf 'name=jobs stall_ms=100\nname=x stall_ms=fast\n' > %t.num
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.num %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NUM
// RUN: printf 'name=jobs stall_action=explode\n' > %t.act
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.act %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=ACT
// RUN: printf '\n\nstall_ms=5\n' > %t.who
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.who %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=WHO
// RUN: printf 'name=jobs max_occupancy=2\n' > %t.ratio
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.ratio %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=RATIO
// RUN: printf 'name=jobs stall_msec=5\n' > %t.key
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.key %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=KEY
// RUN: printf 'name=jobs\n' > %t.none
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.none %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: env SYNCSAN_OPTIONS=queue_policy=%t.missing %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=MISSING
#include <stdio.h>
#include <syncsan/syncsan.h>

#include "Inputs/qwrap.h"

int main(void) {
  fprintf(stderr, "start\n");
  struct bq *jobs = BQ_NEW(4);
  syncsan_queue_set_name(jobs, "jobs");
  int v;
  fprintf(stderr, "jobs pop: %d\n", BQ_POP(jobs, &v));
  struct bq *other = BQ_NEW(4);
  fprintf(stderr, "other pop: %d\n", BQ_POP(other, &v));
  struct bq *loose = BQ_NEW(4);
  fprintf(stderr, "loose try_pop: %d\n", BQ_TRY_POP(loose, &v));
  return 0;
}
// CHECK: start
// CHECK: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 'jobs'
// CHECK: the pop is made to fail (stall action fail, from the queue's policy)
// CHECK: jobs pop: 110
// CHECK: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 0x{{[0-9a-f]+}} created at {{.*}}policy-file.c:34:{{[0-9]+}}
// CHECK: the pop is made to fail (stall action fail, from the queue's policy)
// CHECK: other pop: 110
// CHECK: loose try_pop: 11
// NUM: syncsan: {{.*}}.num:2: stall_ms must be 0..86400000, got 'fast'
// NUM-NOT: start
// ACT: syncsan: {{.*}}.act:1: stall_action must be report, fail, abort or wait, got 'explode'
// WHO: syncsan: {{.*}}.who:3: a policy line needs name=<queue name> or site=<file:line>
// RATIO: syncsan: {{.*}}.ratio:1: max_occupancy must be a ratio in (0, 1], got '2'
// KEY: syncsan: {{.*}}.key:1: unknown key 'stall_msec' (keys: name, site, max_occupancy, window_ms, p99_us, stall_ms, stall_action)
// NONE: syncsan: {{.*}}.none:1: a policy line needs a rule
// MISSING: syncsan: {{.*}}missing
