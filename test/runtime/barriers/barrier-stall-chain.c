// barrier-stall names where each missing participant is: main waits at
// 'outer' for T1, which is blocked at 'inner' waiting for T2, which is
// sleeping (running, as far as syncsan sees). Each barrier's stall is
// reported once, naming the next thread's whereabouts.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200 %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_barrier_t outer, inner;

static void *middle(void *arg) {
  pthread_barrier_wait(&outer);
  pthread_barrier_wait(&inner);
  pthread_barrier_wait(&inner);
  pthread_barrier_wait(&outer);
  return arg;
}

static void *sleeper(void *arg) {
  pthread_barrier_wait(&inner);
  struct timespec ts = {1, 500 * 1000 * 1000};
  nanosleep(&ts, NULL);
  pthread_barrier_wait(&inner);
  return arg;
}

int main(void) {
  pthread_barrier_init(&outer, NULL, 2);
  pthread_barrier_init(&inner, NULL, 2);
  pthread_t a, b;
  pthread_create(&a, NULL, middle, NULL);
  pthread_create(&b, NULL, sleeper, NULL);
  pthread_barrier_wait(&outer);
  pthread_barrier_wait(&outer);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK-DAG: T1: blocked in pthread_barrier_wait on barrier 0x{{[0-9a-f]+}} (1 of 2 arrived) at {{.*}}barrier-stall-chain.c:16:3
// CHECK-DAG: T2: running (not blocked in an operation syncsan sees)
// CHECK: done
