// A lock layer that picks its lock functions at run time, as libevent's
// evbuffer_lock and sqlite3_mutex_enter do: buf_lock() calls the wrapper
// installed in a global table. Even with no stacks (stack_depth=0), the
// dispatcher's caller passes its own site, so both sides of the cycle and
// the SUMMARY name the two lines that take the second buffer, not the
// wrapper's. The near miss takes the buffers in one order: silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=stack_depth=0 %expect-exit 66 %t bad 2>&1 | FileCheck %s
// RUN: %t good 2>&1 | FileCheck %s --check-prefix=GOOD
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lock_fns {
  int (*lock)(void *);
  int (*unlock)(void *);
};
struct lock_fns lock_table;

struct buf {
  void *lock;
  int n;
};

static int posix_lock(void *m) { return pthread_mutex_lock(m); }
static int posix_unlock(void *m) { return pthread_mutex_unlock(m); }

__attribute__((noinline)) void buf_lock(struct buf *b) {
  if (b->lock)
    lock_table.lock(b->lock);
}
__attribute__((noinline)) void buf_unlock(struct buf *b) {
  if (b->lock)
    lock_table.unlock(b->lock);
}

static struct buf in, out;

static void *forward(void *arg) {
  buf_lock(&in);
  buf_lock(&out); // FORWARD
  buf_unlock(&out);
  buf_unlock(&in);
  return arg;
}

static void *backward(void *arg) {
  buf_lock(&out);
  buf_lock(&in); // BACKWARD
  buf_unlock(&in);
  buf_unlock(&out);
  return arg;
}

int main(int argc, char **argv) {
  static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER;
  lock_table.lock = posix_lock;
  lock_table.unlock = posix_unlock;
  in.lock = &m1;
  out.lock = &m2;
  int bad = argc > 1 && strcmp(argv[1], "bad") == 0;
  pthread_t t;
  pthread_create(&t, NULL, forward, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, bad ? backward : forward, NULL);
  pthread_join(t, NULL);
  puts("done");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion
// CHECK: #0 backward {{.*}}wrapper-dispatch.c:[[#@LINE-22]]:3 (via buf_lock)
// CHECK: #0 forward {{.*}}wrapper-dispatch.c:[[#@LINE-31]]:3 (via buf_lock)
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}wrapper-dispatch.c:[[#@LINE-24]] in backward
// GOOD-NOT: SyncSanitizer
// GOOD: done
