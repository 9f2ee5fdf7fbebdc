// A helper lock_both(x, y) taken as lock_both(&a, &b) in one thread and
// lock_both(&b, &a) in another: the pass recognises the lock wrapper, and
// both sides of the cycle and the SUMMARY name the callers' lines, not the
// helper's (at -O0 through the caller's site passed around the call, at -O2
// because the inlined helper's frame is looked past). Two bad unlocks from
// two callers through one unlock helper are two reports.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void lock_both(pthread_mutex_t *x, pthread_mutex_t *y) {
  pthread_mutex_lock(x);
  pthread_mutex_lock(y);
}

static void unlock_both(pthread_mutex_t *x, pthread_mutex_t *y) {
  pthread_mutex_unlock(y);
  pthread_mutex_unlock(x);
}

static void release(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

static void *forward(void *arg) {
  lock_both(&a, &b); // FORWARD
  unlock_both(&a, &b);
  return arg;
}

static void *backward(void *arg) {
  lock_both(&b, &a); // BACKWARD
  unlock_both(&b, &a);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, forward, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, backward, NULL);
  pthread_join(t, NULL);
  release(&a); // FIRST-BAD-UNLOCK
  release(&b); // SECOND-BAD-UNLOCK
  printf("finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'b' -> 'a' -> 'b'
// CHECK-NEXT: Thread T2 acquires 'a' while holding 'b' (this closes the cycle):
// CHECK-NEXT: #0 backward {{.*}}wrapper-inversion-direct.c:34:3 ({{via lock_both|pthread_mutex_lock}})
// CHECK: 'b' was acquired by T2 before, at:
// CHECK-NEXT: #0 backward {{.*}}wrapper-inversion-direct.c:34:3
// CHECK: Thread T1 acquired 'b' while holding 'a':
// CHECK-NEXT: #0 forward {{.*}}wrapper-inversion-direct.c:28:3
// CHECK: 'a' was acquired by T1 before, at:
// CHECK-NEXT: #0 forward {{.*}}wrapper-inversion-direct.c:28:3
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}wrapper-inversion-direct.c:34 in backward
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: #0 main {{.*}}wrapper-inversion-direct.c:45:3
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}wrapper-inversion-direct.c:45 in main
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: #0 main {{.*}}wrapper-inversion-direct.c:46:3
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}wrapper-inversion-direct.c:46 in main
// CHECK: finished
// CHECK: SyncSanitizer: 3 error reports
