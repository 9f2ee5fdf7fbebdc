// profile_locks times one hold in profile_sample (default 16), and every
// contended one, for the hold maximum; acquisitions are all counted.
// profile_sample=1 times every hold: the one long hold (30 ms, the first
// acquisition) is the maximum. With the default it is not among the timed
// holds, and the maximum is a short one's.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=profile_locks=1:profile_sample=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: env SYNCSAN_OPTIONS=profile_locks=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=SAMPLED
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;

int main(void) {
  pthread_mutex_lock(&m);
  usleep(30 * 1000);
  pthread_mutex_unlock(&m);
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
  }
  printf("counter=%ld\n", counter);
  return 0;
}
// ALL: counter=100
// ALL: lock class acquisitions contended wait total ms wait max us hold max us
// ALL-NEXT: 'm' 101 0 0.000 0 {{[3-9][0-9][0-9][0-9][0-9]}} {{.*}}profile-sample.c:{{[0-9]+}}:{{[0-9]+}} in main
// SAMPLED: counter=100
// SAMPLED: lock class acquisitions contended wait total ms wait max us hold max us
// SAMPLED-NEXT: 'm' 101 0 0.000 0 {{[0-9][0-9]?[0-9]?}} {{.*}}profile-sample.c:{{[0-9]+}}:{{[0-9]+}} in main
