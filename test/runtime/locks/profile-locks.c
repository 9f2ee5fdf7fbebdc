// profile_locks=1 prints a table per lock class at exit: acquisitions,
// contended acquisitions, wait and hold times and the hottest site, sorted
// by total wait; the same data as JSON with log_format=json. Without the
// option nothing is printed.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=profile_locks=1 %expect-exit 0 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=profile_locks=1:log_format=json %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=JSON
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=OFF
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t hot = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t cold = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pthread_barrier_t start;

static void *worker(void *arg) {
  /* All three start together, so each 2 ms hold makes the others wait. */
  pthread_barrier_wait(&start);
  for (int i = 0; i < 20; i++) {
    pthread_mutex_lock(&hot);
    usleep(2000); /* hold it: the other threads wait */
    counter++;
    pthread_mutex_unlock(&hot);
  }
  return arg;
}

int main(void) {
  pthread_t t[3];
  pthread_barrier_init(&start, NULL, 3);
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < 5; i++) {
    pthread_mutex_lock(&cold);
    pthread_mutex_unlock(&cold);
  }
  printf("counter=%ld\n", counter);
  return 0;
}
// CHECK: counter=60
// CHECK: SyncSanitizer: lock profile (profile_locks=1), by total wait:
// CHECK-NEXT: lock class acquisitions contended wait total ms wait max us hold max us hottest acquisition
// CHECK-NEXT: 'hot' 60 {{[1-9][0-9]*}} {{[0-9]+\.[0-9]+}} {{[0-9]+}} {{[0-9]+}} {{.*}}profile-locks.c:22:5 in worker
// CHECK-NEXT: 'cold' 5 {{[0-9]+}} {{.*}}profile-locks.c:38:5 in main
// JSON: {"tool":"syncsan","pid":{{[0-9]+}},"profile":[{"class":"'hot'","acquisitions":60,"contended":{{[1-9][0-9]*}},"wait_total_ns":{{[0-9]+}},"wait_max_ns":{{[0-9]+}},"hold_max_ns":{{[0-9]+}},"hottest":"{{[^"]*}}profile-locks.c:22:5"},{"class":"'cold'","acquisitions":5,"contended":{{[0-9]+}},
// OFF-NOT: lock profile
