// Zero-initialised locks (calloc) have no init site: their class is their
// first acquisition's site. Taken first through a lock wrapper called
// directly, that site is the caller's line, so locks first taken by
// different callers are different classes and their inversion is a class
// cycle, on any objects. A critical-section function (bump) is no wrapper:
// its sites stay its own, and nothing is reported for it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct item {
  pthread_mutex_t mu;
  int value;
};

static void lock_item(struct item *it) { pthread_mutex_lock(&it->mu); }
static void unlock_item(struct item *it) { pthread_mutex_unlock(&it->mu); }

static void bump(struct item *it) {
  pthread_mutex_lock(&it->mu);
  it->value++;
  pthread_mutex_unlock(&it->mu);
}

int main(void) {
  struct item *queue = calloc(1, sizeof(*queue)), *stats = calloc(1, sizeof(*stats));
  lock_item(queue); // the queue's class
  lock_item(stats); // the stats' class
  unlock_item(stats);
  unlock_item(queue);
  struct item *q2 = calloc(1, sizeof(*q2)), *s2 = calloc(1, sizeof(*s2));
  lock_item(q2); // first taken here: a class of its own
  unlock_item(q2);
  lock_item(s2);
  unlock_item(s2);
  lock_item(stats);
  lock_item(queue); // closes stats -> queue against queue -> stats
  unlock_item(queue);
  unlock_item(stats);
  // Near miss: both first taken inside bump(), one class.
  struct item *x = calloc(1, sizeof(*x)), *y = calloc(1, sizeof(*y));
  bump(x);
  bump(y);
  printf("finished\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): first-use@wrapper-first-use.c:30 -> first-use@wrapper-first-use.c:29 -> first-use@wrapper-first-use.c:30
// CHECK: #0 main {{.*}}wrapper-first-use.c:39:3
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}wrapper-first-use.c:39 in main
// CHECK-NOT: ERROR: SyncSanitizer
// CHECK: finished
// CHECK: SyncSanitizer: 1 error report
