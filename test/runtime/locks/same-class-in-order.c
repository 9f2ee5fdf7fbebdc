// Many locks of one class (made in one loop) taken two to four at a time in
// ascending index order, from two threads: the discipline that keeps
// multi-bucket operations deadlock-free, so nothing is reported, and the
// run stays fast whatever the number of instances (the class's nestings
// all go one way, so no instance graph search runs).
// A nesting the other way is checked against the in-order pairs recorded
// before it: reversing a pair that a live thread took in order is a
// lock-order-inversion at once, also after more in-order pairs than the
// recording bound (1024) when the reversed pair is among the first ones.
// A reversed pair whose in-order use was past the bound is found when the
// pair is taken in order again.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t ordered 2>&1 | FileCheck %s --check-prefix=OK --allow-empty
// RUN: %expect-exit 66 %t reversed 2>&1 | FileCheck %s --check-prefix=REV
// RUN: %expect-exit 66 %t late 2>&1 | FileCheck %s --check-prefix=LATE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NB 1000
struct bucket {
  pthread_mutex_t lock;
  long sum;
};
static struct bucket *b; /* heap: one class, their init site's */
static _Alignas(64) volatile int t1_done;
static _Alignas(64) volatile int main_done;

static void take(int *idx, int k) {
  for (int i = 0; i < k; i++)
    pthread_mutex_lock(&b[idx[i]].lock);
  for (int i = 0; i < k; i++)
    b[idx[i]].sum++;
  for (int i = k; i-- > 0;)
    pthread_mutex_unlock(&b[idx[i]].lock);
}

static void pair(int lo, int hi) {
  int idx[2] = {lo, hi};
  take(idx, 2);
}

static void random_ops(uint64_t seed, int n) {
  for (int op = 0; op < n; op++) {
    int idx[4], k = 2 + (int)(seed % 3);
    for (int i = 0; i < k; i++) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      idx[i] = (int)((seed >> 33) % NB);
      for (int j = 0; j < i; j++)
        if (idx[j] == idx[i])
          i--, j = i; /* draw again */
    }
    for (int i = 1; i < k; i++) /* ascending */
      for (int j = i; j > 0 && idx[j] < idx[j - 1]; j--) {
        int t = idx[j];
        idx[j] = idx[j - 1];
        idx[j - 1] = t;
      }
    take(idx, k);
  }
}

static void *worker(void *arg) {
  const char *mode = arg;
  if (!strcmp(mode, "ordered")) {
    random_ops(7, 20000);
    return NULL;
  }
  /* The pair that main reverses: first of all (recorded), or after more
   * in-order pairs than the bound (not recorded). */
  if (!strcmp(mode, "reversed"))
    pair(3, 10);
  random_ops(11, 6000);
  if (!strcmp(mode, "late"))
    pair(3, 10);
  /* Stay alive while main reverses, so the pair cannot be ordered before
   * main's acquisitions by a join. */
  __atomic_store_n(&t1_done, 1, __ATOMIC_RELEASE);
  while (!__atomic_load_n(&main_done, __ATOMIC_ACQUIRE))
    ;
  if (!strcmp(mode, "late"))
    pair(3, 10); /* in order again after the reversal: closes the cycle */
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  b = calloc(NB, sizeof(*b));
  for (int i = 0; i < NB; i++)
    pthread_mutex_init(&b[i].lock, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, argv[1]);
  if (!strcmp(argv[1], "ordered")) {
    random_ops(3, 20000);
  } else {
    while (!__atomic_load_n(&t1_done, __ATOMIC_ACQUIRE))
      ;
    fprintf(stderr, "in order: done\n");
    pthread_mutex_lock(&b[10].lock);
    pthread_mutex_lock(&b[3].lock); /* against the class's order */
    pthread_mutex_unlock(&b[3].lock);
    pthread_mutex_unlock(&b[10].lock);
    fprintf(stderr, "reversed: done\n");
  }
  __atomic_store_n(&main_done, 1, __ATOMIC_RELEASE);
  pthread_join(t, NULL);
  long sum = 0;
  for (int i = 0; i < NB; i++)
    sum += b[i].sum;
  fprintf(stderr, "sum %ld\n", sum);
  return 0;
}
// OK-NOT: SyncSanitizer

// REV: in order: done
// REV: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): init@same-class-in-order.c:{{[0-9]+}} instance M{{[0-9]+}} (0x{{[0-9a-f]+}}) -> init@same-class-in-order.c:{{[0-9]+}} instance
// REV: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}same-class-in-order.c:{{[0-9]+}} in main
// REV: reversed: done
// REV: SyncSanitizer: 1 error report

// LATE: in order: done
// LATE-NOT: SyncSanitizer: lock-order
// LATE: reversed: done
// LATE: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks
// LATE: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}same-class-in-order.c:{{[0-9]+}} in take
// LATE: SyncSanitizer: 1 error report
