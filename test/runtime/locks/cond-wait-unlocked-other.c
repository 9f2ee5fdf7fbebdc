// condvar-wait-unlocked where another thread holds the mutex: the report
// says which thread and where it took it. A C11 cnd_timedwait this time.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>
#include <time.h>

static mtx_t g_mtx;
static cnd_t g_cnd;
static sem_t taken, never;

static int owner(void *arg) {
  mtx_lock(&g_mtx);
  sem_post(&taken);
  sem_wait(&never);
  return arg != NULL;
}

int main(void) {
  mtx_init(&g_mtx, mtx_timed);
  cnd_init(&g_cnd);
  sem_init(&taken, 0, 0);
  sem_init(&never, 0, 0);
  thrd_t t;
  thrd_create(&t, owner, NULL);
  sem_wait(&taken);
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  ts.tv_nsec = 0;
  int rc = cnd_timedwait(&g_cnd, &g_mtx, &ts);
  fprintf(stderr, "rc=%d\n", rc);
  exit(0);
}
// CHECK: ERROR: SyncSanitizer: condvar-wait-unlocked: thread T0 waits on condvar C{{[0-9]+}} 'g_cnd' (0x{{[0-9a-f]+}}) with mtx M{{[0-9]+}} 'g_mtx' (0x{{[0-9a-f]+}}), which it does not hold
// CHECK-NEXT: Wait by thread T0:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked-other.c:33:12 (cnd_timedwait)
// CHECK: The mutex is held by thread T1, acquired at:
// CHECK-NEXT: #0 owner {{.*}}cond-wait-unlocked-other.c:16:3 (mtx_lock)
// CHECK: mtx M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked-other.c:23:3 (mtx_init)
// CHECK: condvar C{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked-other.c:24:3 (cnd_init)
// CHECK: Thread T0 is the main thread
// CHECK-NEXT: Thread T1 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}cond-wait-unlocked-other.c:28:3 (thrd_create)
// CHECK: SUMMARY: SyncSanitizer: condvar-wait-unlocked {{.*}}cond-wait-unlocked-other.c:33 in main
