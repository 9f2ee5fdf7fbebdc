// Cycles are found whatever their length and however many locks the
// program used before: 6000 unrelated locks first (more than
// ThreadSanitizer's detector remembers), then a cycle through 3 locks and
// one through 40 (longer than ThreadSanitizer's limit of 30).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdlib.h>

#define N 40
static pthread_mutex_t chain[N];

static void lock_pair(pthread_mutex_t *a, pthread_mutex_t *b) {
  pthread_mutex_lock(a);
  pthread_mutex_lock(b);
  pthread_mutex_unlock(b);
  pthread_mutex_unlock(a);
}

int main(void) {
  pthread_mutex_t *many = calloc(6000, sizeof(*many));
  pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
  for (int i = 0; i < 6000; i++) {
    pthread_mutex_init(&many[i], NULL);
    pthread_mutex_lock(&outer);
    pthread_mutex_lock(&many[i]);
    pthread_mutex_unlock(&many[i]);
    pthread_mutex_unlock(&outer);
  }
  /* Three locks: x -> y, y -> z, z -> x. */
  pthread_mutex_t x, y, z;
  pthread_mutex_init(&x, NULL);
  pthread_mutex_init(&y, NULL);
  pthread_mutex_init(&z, NULL);
  lock_pair(&x, &y);
  lock_pair(&y, &z);
  lock_pair(&z, &x);
  /* Forty elements of one global array, one collection (taken at the
   * same sites): ordered by element. */
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&chain[i], NULL);
  for (int i = 0; i + 1 < N; i++)
    lock_pair(&chain[i], &chain[i + 1]);
  lock_pair(&chain[N - 1], &chain[0]);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 3 locks (potential deadlock): init@order-inversion-long.c:34 -> init@order-inversion-long.c:32 -> init@order-inversion-long.c:33 -> init@order-inversion-long.c:34
// CHECK: Possible unsafe locking scenario:
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}order-inversion-long.c:15 in lock_pair
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 40 locks (potential deadlock):
// CHECK-SAME: 'chain[0]' -> 'chain[1]' -> 'chain[2]' -> 
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion
// CHECK: SyncSanitizer: 2 error reports
