// Near miss of the rwlock unlock-wrong-thread tests, silent: thread T1
// holds a read lock while thread T0 takes and releases its own read share
// (the release is T0's, not T1's); T0's write attempts while T1 reads fail
// without holding anything; once T1 is done, T0 writes and releases.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: busy=1 done
// CHECK-NOT: SyncSanitizer
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;
static sem_t taken, go;

static void *reader(void *arg) {
  pthread_rwlock_rdlock(&g_rw);
  sem_post(&taken);
  sem_wait(&go);
  pthread_rwlock_unlock(&g_rw);
  return arg;
}

int main(void) {
  sem_init(&taken, 0, 0);
  sem_init(&go, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, reader, NULL);
  sem_wait(&taken);
  pthread_rwlock_rdlock(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  int busy = pthread_rwlock_trywrlock(&g_rw) == EBUSY;
  sem_post(&go);
  pthread_join(t, NULL);
  pthread_rwlock_wrlock(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  fprintf(stderr, "busy=%d done\n", busy);
  return 0;
}
