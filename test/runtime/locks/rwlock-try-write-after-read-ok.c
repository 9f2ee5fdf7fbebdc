// Near miss of rwlock-write-after-read.c, silent: a trywrlock (and a
// tryrdlock over the thread's own write lock) cannot block, so it is no
// self-deadlock: glibc fails it with EBUSY, nothing more is held, and the
// one unlock after it releases the lock the thread did hold.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: try-write=16 try-read=16 done
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t rw;

int main(void) {
  pthread_rwlock_init(&rw, NULL);
  pthread_rwlock_rdlock(&rw);
  int w = pthread_rwlock_trywrlock(&rw);
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_wrlock(&rw);
  int r = pthread_rwlock_tryrdlock(&rw);
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_destroy(&rw);
  fprintf(stderr, "try-write=%d try-read=%d done\n", w, r);
  return 0;
}
