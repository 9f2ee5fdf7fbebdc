// A correct barrier loop: 8 threads over 10,000 phases stay silent, and
// every phase has exactly one PTHREAD_BARRIER_SERIAL_THREAD (the real
// result is returned unchanged). The barrier is re-initialised and used
// again by a new pool, which is no mismatch: the old pool's threads exited.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: serial 10000 other 0
// CHECK: again serial 100 other 0
#include <pthread.h>
#include <stdio.h>

#define N 8
static pthread_barrier_t bar;
static int serial, other, phases;

static void *worker(void *arg) {
  for (int i = 0; i < phases; i++) {
    int rc = pthread_barrier_wait(&bar);
    if (rc == PTHREAD_BARRIER_SERIAL_THREAD)
      __atomic_fetch_add(&serial, 1, __ATOMIC_RELAXED);
    else if (rc != 0)
      __atomic_fetch_add(&other, 1, __ATOMIC_RELAXED);
  }
  return arg;
}

static void run(int n) {
  pthread_t t[N];
  phases = n;
  __atomic_store_n(&serial, 0, __ATOMIC_RELAXED);
  pthread_barrier_init(&bar, NULL, N);
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  pthread_barrier_destroy(&bar);
}

int main(void) {
  run(10000);
  fprintf(stderr, "serial %d other %d\n", __atomic_load_n(&serial, __ATOMIC_RELAXED),
          __atomic_load_n(&other, __ATOMIC_RELAXED));
  run(100);
  fprintf(stderr, "again serial %d other %d\n", __atomic_load_n(&serial, __ATOMIC_RELAXED),
          __atomic_load_n(&other, __ATOMIC_RELAXED));
  return 0;
}
