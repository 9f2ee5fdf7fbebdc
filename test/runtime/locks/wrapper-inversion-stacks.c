// A helper lock_both(x, y) taken as lock_both(&a, &b) in one thread and
// lock_both(&b, &a) in another: the two sides of the cycle differ only in
// their callers. Each edge's section prints the call stack above the
// helper, so both callers' lines appear, and with lock_both known as a
// lock wrapper (here from the lock_wrappers option, for code whose
// wrappers the pass did not mark) the SUMMARY names the caller that closed
// the cycle instead of the helper. (Where the pass marks lock_both as a
// wrapper itself, the caller is frame #0, "via lock_both".) Near miss: the same helper taken in one
// order everywhere reports nothing.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=lock_both %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=PLAIN
// RUN: env SYNCSAN_OPTIONS=lock_wrappers=lock_both %expect-exit 0 %t same-order 2>&1 | FileCheck %s --check-prefix=OK --allow-empty
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK: Thread T2 acquires 'a' while holding 'b' (this closes the cycle):
// CHECK-NOT: was acquired
// CHECK: {{#[01]}} second {{.*}}wrapper-inversion-stacks.c:[[#SECOND:]]
// CHECK: Thread T1 acquired 'b' while holding 'a':
// CHECK-NOT: was acquired
// CHECK: {{#[01]}} first {{.*}}wrapper-inversion-stacks.c:[[#FIRST:]]
// CHECK: Thread T1 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}wrapper-inversion-stacks.c:[[#CREATE1:]]:{{[0-9]+}} (pthread_create)
// CHECK-NOT: {{__libc_start|_start }}
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}wrapper-inversion-stacks.c:[[#SECOND]] in second
// PLAIN: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}wrapper-inversion-stacks.c:{{[0-9]+}} in {{lock_both|second}}
// OK-NOT: ERROR
#include <pthread.h>
#include <string.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static int same_order;

__attribute__((noinline)) void lock_both(pthread_mutex_t *x, pthread_mutex_t *y) {
  pthread_mutex_lock(x);
  pthread_mutex_lock(y);
}

__attribute__((noinline)) void unlock_both(pthread_mutex_t *x, pthread_mutex_t *y) {
  pthread_mutex_unlock(y);
  pthread_mutex_unlock(x);
}

/* The empty asm after each call keeps it a call (no tail call at -O2): the
 * caller's frame is what the test is about. */
__attribute__((noinline)) void *first(void *arg) {
  lock_both(&a, &b);
  __asm__ volatile("" ::: "memory");
  unlock_both(&a, &b);
  __asm__ volatile("" ::: "memory");
  return arg;
}

__attribute__((noinline)) void *second(void *arg) {
  lock_both(&b, &a);
  __asm__ volatile("" ::: "memory");
  unlock_both(&b, &a);
  __asm__ volatile("" ::: "memory");
  return arg;
}

int main(int argc, char **argv) {
  same_order = argc > 1 && !strcmp(argv[1], "same-order");
  pthread_t t;
  pthread_create(&t, NULL, first, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, same_order ? first : second, NULL);
  pthread_join(t, NULL);
  return 0;
}
