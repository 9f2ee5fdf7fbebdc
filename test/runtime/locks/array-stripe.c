// A global array of locks taken by index at one site (a hashed lock
// stripe) is one collection: an order learned on one element covers every
// other, so "table -> stripe[1]" and "stripe[2] -> table" is a cycle
// through the stripe. The near miss: the same array with each element
// taken at its own site (locks of different roles) has no such cycle.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %expect-exit 0 %t roles 2>&1 | FileCheck %s --check-prefix=ROLES --allow-empty
// An order an element learned before the array showed itself a collection
// is the collection's too (LATE).
// RUN: %expect-exit 66 %t late 2>&1 | FileCheck %s
#include <pthread.h>

#define N 8
static pthread_mutex_t stripe[N];
static pthread_mutex_t table = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) static pthread_mutex_t *lock_key(unsigned h) {
  pthread_mutex_t *m = &stripe[h % N];
  pthread_mutex_lock(m);
  return m;
}

int main(int argc, char **argv) {
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&stripe[i], NULL);
  if (argc > 1 && argv[1][0] == 'l') {
    pthread_mutex_lock(&table); /* table -> stripe[1], a lone element yet */
    pthread_mutex_unlock(lock_key(1));
    pthread_mutex_unlock(&table);
    pthread_mutex_unlock(lock_key(2)); /* a second element at that site */
    pthread_mutex_t *m = lock_key(3); /* stripe -> table */
    pthread_mutex_lock(&table);
    pthread_mutex_unlock(&table);
    pthread_mutex_unlock(m);
    return 0;
  }
  if (argc > 1) {
    pthread_mutex_lock(&table); /* table -> stripe[1] */
    pthread_mutex_lock(&stripe[1]);
    pthread_mutex_unlock(&stripe[1]);
    pthread_mutex_unlock(&table);
    pthread_mutex_lock(&stripe[2]); /* stripe[2] -> table */
    pthread_mutex_lock(&table);
    pthread_mutex_unlock(&table);
    pthread_mutex_unlock(&stripe[2]);
    return 0;
  }
  for (unsigned k = 0; k < 4; k++) /* by index: one collection */
    pthread_mutex_unlock(lock_key(k * 7));
  pthread_mutex_lock(&table); /* table -> stripe */
  pthread_mutex_unlock(lock_key(1));
  pthread_mutex_unlock(&table);
  pthread_mutex_t *m = lock_key(2); /* stripe -> table */
  pthread_mutex_lock(&table);
  pthread_mutex_unlock(&table);
  pthread_mutex_unlock(m);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'stripe' -> 'table' -> 'stripe'
// CHECK: SyncSanitizer: 1 error report
// ROLES-NOT: SyncSanitizer
