// A table of bucket locks in code built without the pass: its interposed
// sites count as a lock layer's, so the one class of the buckets (one init
// site) is mixed, and each nesting orders instances. Nested in index order,
// they still cannot close a cycle among themselves while no other class's
// lock joins them: the first in-order pairs are recorded, the rest cost
// O(1), and the edge table stays small (max_lock_edges is set far below the
// ~20,000 pairs taken, so recording each one would warn). A nesting against
// the order closes a cycle with the recorded pairs and is reported (FIRE).
// Once a lock of another class nests with the buckets, their in-order
// nestings are searched again: an inversion through it is found (CROSS).
// RUN: %syncsan-cc %O -g -fsyncsan-instrument-locks=0 -fsyncsan-instrument-threads=0 %s -o %t
// RUN: env SYNCSAN_OPTIONS=max_lock_edges=4096 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: env SYNCSAN_OPTIONS=max_lock_edges=4096 %expect-exit 66 %t fire 2>&1 | FileCheck %s --check-prefix=FIRE
// RUN: %expect-exit 66 %t cross 2>&1 | FileCheck %s --check-prefix=CROSS
// QUIET-NOT: SyncSanitizer
// FIRE-NOT: WARNING
// FIRE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@mixed-in-order.c:{{[0-9]+}} instance
// CROSS: ERROR: SyncSanitizer: lock-order-inversion
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define N 200

struct bucket {
  pthread_mutex_t lock;
  long sum;
};

static void pair(struct bucket *a, struct bucket *b) {
  pthread_mutex_lock(&a->lock);
  pthread_mutex_lock(&b->lock);
  a->sum++;
  pthread_mutex_unlock(&b->lock);
  pthread_mutex_unlock(&a->lock);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  struct bucket *t = calloc(N, sizeof(*t));
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&t[i].lock, NULL);
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++)
      pair(&t[i], &t[j]);
  if (!strcmp(mode, "fire")) {
    pair(&t[150], &t[3]);
  } else if (!strcmp(mode, "cross")) {
    static pthread_mutex_t other = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&t[10].lock); /* bucket 10, then other */
    pthread_mutex_lock(&other);
    pthread_mutex_unlock(&other);
    pthread_mutex_unlock(&t[10].lock);
    pthread_mutex_lock(&other); /* other, then bucket 5: 5 -> 10 -> other -> 5 */
    pthread_mutex_lock(&t[5].lock);
    pthread_mutex_unlock(&t[5].lock);
    pthread_mutex_unlock(&other);
  }
  return 0;
}
