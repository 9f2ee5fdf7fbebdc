// The lock-order graph reclaims what freed memory held: two heap objects of
// one class nested in each other are ordered by instance (two instance
// nodes and an edge), and when their memory is freed those go too. A
// program that does this for ever more objects than max_lock_classes
// (here 1000) keeps checking: no "more than max_lock_classes" warning, and
// an instance inversion between live objects at the end is still found.
// RUN: %syncsan-cc %O -g -fsyncsan-lock-wrappers=0 %s -o %t
// RUN: env SYNCSAN_OPTIONS=max_lock_classes=1000 %expect-exit 66 timeout 60 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct item {
  pthread_mutex_t mu; /* zero-initialised: calloc */
  int value;
};

static void lock_item(struct item *it) { pthread_mutex_lock(&it->mu); }
static void unlock_item(struct item *it) { pthread_mutex_unlock(&it->mu); }

static void move(struct item *from, struct item *to) {
  lock_item(from); /* one class (the first acquisition's site), by instance */
  lock_item(to);
  to->value += from->value;
  unlock_item(to);
  unlock_item(from);
}

int main(void) {
  for (int i = 0; i < 3000; i++) {
    struct item *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
    move(a, b);
    free(a);
    free(b);
  }
  fprintf(stderr, "3000 pairs: done\n");
  struct item *x = calloc(1, sizeof(*x)), *y = calloc(1, sizeof(*y));
  move(x, y);
  move(y, x);
  fprintf(stderr, "done\n");
  return 0;
}
// lock_item is a lock wrapper: recognised, each lock's first-use class would
// be its caller's line (from and to: two classes, no instance nodes), so the
// pass's recognition of wrappers is off here (wrapper-first-use.c has it on).
// CHECK-NOT: max_lock_classes
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: 3000 pairs: done
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): first-use@mem-reuse-graph.c:18 instance M{{[0-9]+}} (0x{{[0-9a-f]+}}) -> first-use@mem-reuse-graph.c:18 instance
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}mem-reuse-graph.c:18 in lock_item
// CHECK-NOT: max_lock_classes
// CHECK: done
// CHECK: SyncSanitizer: 1 error report
