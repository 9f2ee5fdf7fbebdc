// Near miss: a thread waits far longer than deadlock_timeout_ms for a lock
// whose holder is busy (sleeping), not blocked: no deadlock, no report.
// Also a three-thread convoy on one lock.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=deadlock_timeout_ms=100 %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: waited
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t slow = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start;

static void *holder(void *arg) {
  pthread_mutex_lock(&slow);
  pthread_barrier_wait(&start);
  usleep(600 * 1000);
  pthread_mutex_unlock(&slow);
  return arg;
}

static void *waiter(void *arg) {
  pthread_barrier_wait(&start);
  pthread_mutex_lock(&slow);
  pthread_mutex_unlock(&slow);
  return arg;
}

int main(void) {
  pthread_t t[3];
  pthread_barrier_init(&start, NULL, 3);
  pthread_create(&t[0], NULL, holder, NULL);
  pthread_create(&t[1], NULL, waiter, NULL);
  pthread_create(&t[2], NULL, waiter, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  printf("waited\n");
  return 0;
}
