// One line that unlocks 200,000 different never-locked mutexes is one bug:
// one report (de-duplicated by check and site, not only by object), not
// 200,000 of them. Before, this wrote about 100 MB.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: wc -c < %t.out | FileCheck %s --check-prefix=SIZE
// CHECK: ERROR: SyncSanitizer: unlock-not-held
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}report-storm.c:[[#@LINE+14]] in release_all
// CHECK-NOT: ERROR: SyncSanitizer
// CHECK: released 200000
// CHECK-NOT: suppressed
// CHECK: SyncSanitizer: 1 error report
// SIZE: {{^[0-9]{3,4}$}}
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 200000

static void release_all(pthread_mutex_t *m) {
  for (int i = 0; i < N; i++)
    pthread_mutex_unlock(&m[i]);
}

int main(void) {
  pthread_mutex_t *m = calloc(N, sizeof(*m));
  if (!m)
    return 1;
  release_all(m);
  printf("released %d\n", N);
  return 0;
}
