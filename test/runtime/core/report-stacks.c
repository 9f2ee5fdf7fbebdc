// Reports print the call stack above each site: here a release of a lock
// the thread does not hold, two calls deep in a thread, and the stack of
// the thread's creation. The options that shape the frames: stack_depth=0
// prints #0 alone; symbolize=0, or a symbolizer that cannot run, prints
// the frames above #0 as module+offset (and the run goes on as usual);
// JSON lists them in "frames". color=always colours the header (the
// escape sequences of a terminal), color=never and color=auto into a pipe
// do not.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=stack_depth=0 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=DEPTH0
// RUN: env SYNCSAN_OPTIONS=symbolize=0 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NOSYM
// RUN: env SYNCSAN_OPTIONS=external_symbolizer_path=/nonexistent:verbosity=1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefixes=NOSYM,NOTFOUND
// RUN: env SYNCSAN_OPTIONS=external_symbolizer_path=/bin/false %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=NOSYM
// RUN: env SYNCSAN_OPTIONS=log_format=json %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: env SYNCSAN_OPTIONS=color=always %expect-exit 66 %t 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s --check-prefix=COLOR
// RUN: env SYNCSAN_OPTIONS=color=never %expect-exit 66 %t 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s --check-prefix=PLAIN
// RUN: %expect-exit 66 %t 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s --check-prefix=PLAIN
// RUN: env SYNCSAN_OPTIONS=color=always:log_format=json %expect-exit 66 %t 2>&1 | sed 's/\x1b/<ESC>/g' | FileCheck %s --check-prefix=PLAIN

// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK-NEXT: Release by thread T1:
// CHECK-NEXT: #0 release {{.*}}report-stacks.c:[[#@LINE+41]]:{{[0-9]+}} (pthread_mutex_unlock)
// CHECK-NEXT: #1 worker {{.*}}report-stacks.c:[[#@LINE+45]]
// CHECK-NOT: {{start_thread|clone3|__libc_start}}
// CHECK: Thread T1 created by T0 at:
// CHECK-NEXT: #0 spawn {{.*}}report-stacks.c:[[#@LINE+49]]:{{[0-9]+}} (pthread_create)
// CHECK-NEXT: #1 main {{.*}}report-stacks.c:[[#@LINE+54]]
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}report-stacks.c:[[#@LINE+35]] in release

// DEPTH0: Release by thread T1:
// DEPTH0-NEXT: #0 release
// DEPTH0-NOT: #1
// DEPTH0: Thread T1 created by T0 at:
// DEPTH0-NEXT: #0 spawn
// DEPTH0-NOT: #1

// NOTFOUND: WARNING: SyncSanitizer: symbolizer: no llvm-symbolizer found
// NOSYM: Release by thread T1:
// NOSYM-NEXT: #0 release {{.*}}report-stacks.c:{{[0-9]+}}:{{[0-9]+}} (pthread_mutex_unlock)
// NOSYM-NEXT: #1 0x{{[0-9a-f]+}} ({{.*}}report-stacks.c.tmp+0x{{[0-9a-f]+}})
// NOSYM: Thread T1 created by T0 at:
// NOSYM-NEXT: #0 spawn
// NOSYM-NEXT: #1 0x{{[0-9a-f]+}} ({{.*}}report-stacks.c.tmp+0x{{[0-9a-f]+}})
// NOSYM: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}report-stacks.c:{{[0-9]+}} in release

// JSON: "title":"Release by thread T1","site":{"function":"release",{{.*}}"frames":[{"pc":"0x{{[0-9a-f]+}}","function":"worker","file":"{{[^"]*}}report-stacks.c","line":{{[0-9]+}},"column":{{[0-9]+}},"module":"{{[^"]*}}","offset":"0x{{[0-9a-f]+}}"}
// JSON-SAME: "created_at":{"function":"spawn",{{.*}}"frames":[{"pc":"0x{{[0-9a-f]+}}","function":"main"

// COLOR: <ESC>[1m<ESC>[31m=={{[0-9]+}}==ERROR: SyncSanitizer: unlock-not-held: {{.*}}<ESC>[0m
// COLOR: <ESC>[34mRelease by thread T1:<ESC>[0m
// COLOR: #0 <ESC>[1mrelease<ESC>[0m
// COLOR: <ESC>[36mThread T1 created by T0 at:<ESC>[0m
// COLOR: SUMMARY: SyncSanitizer: unlock-not-held
// PLAIN-NOT: <ESC>

#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

/* The empty asm after each call keeps it a call (no tail call at -O2):
 * the frames are what the test is about. */
__attribute__((noinline)) void release(pthread_mutex_t *l) {
  pthread_mutex_unlock(l);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void *worker(void *arg) {
  release(&m);
  __asm__ volatile("" ::: "memory");
  return arg;
}

__attribute__((noinline)) void spawn(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  __asm__ volatile("" ::: "memory");
  pthread_join(t, NULL);
}

int main(void) {
  spawn();
  __asm__ volatile("" ::: "memory");
  return 0;
}
