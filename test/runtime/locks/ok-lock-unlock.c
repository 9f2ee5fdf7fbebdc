// Near miss: correct locking by several threads, unlocks out of acquisition
// order, and re-initialised mutexes stay silent, and the program's result is
// exactly what it is without syncsan.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// RUN: %clang %O %s -o %t.plain -pthread
// RUN: %t.plain | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: counter=400000 pairs=100000
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static long counter, pairs;

static void *worker(void *arg) {
  for (int i = 0; i < 100000; i++) {
    pthread_mutex_lock(&a);
    counter++;
    pthread_mutex_unlock(&a);
  }
  return arg;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < 100000; i++) {
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pairs++;
    pthread_mutex_unlock(&a); /* not LIFO: allowed */
    pthread_mutex_unlock(&b);
  }
  pthread_mutex_t m;
  for (int i = 0; i < 3; i++) {
    pthread_mutex_init(&m, NULL);
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_mutex_destroy(&m);
  }
  printf("counter=%ld pairs=%ld\n", counter, pairs);
  return 0;
}
