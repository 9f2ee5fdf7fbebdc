// Reader-reader orders cannot deadlock: opposite orders taken only for
// reading stay silent, and so does a cycle whose every wait is a reader
// waiting for a reader. Once one side writes, the same inversion is a
// potential deadlock and is reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t read 2>&1 | FileCheck %s --check-prefix=READ --allow-empty
// RUN: %expect-exit 66 %t write 2>&1 | FileCheck %s --check-prefix=WRITE
#include <pthread.h>
#include <string.h>

pthread_rwlock_t a = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t b = PTHREAD_RWLOCK_INITIALIZER;

static void read_both(pthread_rwlock_t *x, pthread_rwlock_t *y) {
  pthread_rwlock_rdlock(x);
  pthread_rwlock_rdlock(y);
  pthread_rwlock_unlock(y);
  pthread_rwlock_unlock(x);
}

int main(int argc, char **argv) {
  (void)argc;
  read_both(&a, &b);
  read_both(&b, &a);
  if (!strcmp(argv[1], "write")) {
    pthread_rwlock_wrlock(&a);
    pthread_rwlock_wrlock(&b);
    pthread_rwlock_unlock(&b);
    pthread_rwlock_unlock(&a);
  }
  return 0;
}
// READ-NOT: SyncSanitizer
// WRITE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'a' -> 'b' -> 'a'
// WRITE: rdlock('b');
// WRITE: lock('b');
// WRITE: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}order-rwlock-modes.c:27 in main
