// Near misses for spinlocks: contended locking from several threads, a
// trylock that fails because another thread holds the lock, nested
// distinct spinlocks, destroy after unlock. Silent, exit 0.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: count=20000
// CHECK-NOT: SyncSanitizer
#include <pthread.h>
#include <stdio.h>

static pthread_spinlock_t outer, inner;
static long count;

static void *worker(void *arg) {
  for (int i = 0; i < 5000; i++) {
    while (pthread_spin_trylock(&outer) != 0)
      ;
    pthread_spin_lock(&inner);
    count++;
    pthread_spin_unlock(&inner);
    pthread_spin_unlock(&outer);
  }
  return arg;
}

int main(void) {
  pthread_spin_init(&outer, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_init(&inner, PTHREAD_PROCESS_PRIVATE);
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  pthread_spin_destroy(&inner);
  pthread_spin_destroy(&outer);
  printf("count=%ld\n", count);
  return 0;
}
