// Two bad unlocks from two callers through one helper are two bugs: with
// the helper known as a lock wrapper, each report is about the first frame
// outside it, so de-duplication keeps both. The same bug reached twice from
// one caller (on two different never-locked mutexes) is still one report.
// (unlock_it is named a wrapper by the lock_wrappers option here, as for a
// library syncsan did not compile; where the pass marks it itself, the
// caller is frame #0, "via unlock_it".)
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=unlock_it %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: {{#[01]}} caller_one {{.*}}wrapper-unlock-two-callers.c:[[#ONE:]]
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}wrapper-unlock-two-callers.c:[[#ONE]] in caller_one
// CHECK-NOT: SUMMARY: SyncSanitizer: unlock-not-held {{.*}} in caller_one
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: {{#[01]}} caller_two {{.*}}wrapper-unlock-two-callers.c:[[#TWO:]]
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}wrapper-unlock-two-callers.c:[[#TWO]] in caller_two
// CHECK-NOT: ERROR: SyncSanitizer
// CHECK: SyncSanitizer: 2 error reports
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) void unlock_it(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

/* The empty asm keeps each call a call (no tail call at -O2). */
__attribute__((noinline)) void caller_one(pthread_mutex_t *m) {
  unlock_it(m);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void caller_two(pthread_mutex_t *m) {
  unlock_it(m);
  __asm__ volatile("" ::: "memory");
}

int main(void) {
  pthread_mutex_t *ms[2] = {&a, &c};
  for (volatile int i = 0; i < 2; i++)
    caller_one(ms[i]);
  caller_two(&b);
  return 0;
}
