// A thread releases a mutex that another thread holds: unlock-wrong-thread,
// naming both threads and where the owner took the lock. The real unlock
// still runs (an errorcheck mutex refuses it with EPERM).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t g_mu;
static sem_t taken, never;

static void *owner(void *arg) {
  pthread_mutex_lock(&g_mu);
  sem_post(&taken);
  sem_wait(&never); /* keeps the lock until the process exits */
  return arg;
}

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&g_mu, &a);
  sem_init(&taken, 0, 0);
  sem_init(&never, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, owner, NULL);
  sem_wait(&taken);
  int rc = pthread_mutex_unlock(&g_mu);
  fprintf(stderr, "unlock=%s\n", rc == EPERM ? "EPERM" : "other");
  exit(0);
}
// CHECK: ERROR: SyncSanitizer: unlock-wrong-thread: thread T0 releases mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}), which thread T1 holds
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-wrong-thread.c:32:12 (pthread_mutex_unlock)
// CHECK: Acquired by thread T1, still held:
// CHECK-NEXT: #0 owner {{.*}}misuse-unlock-wrong-thread.c:16:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-wrong-thread.c:26:3 (pthread_mutex_init)
// CHECK: Thread T0 is the main thread
// CHECK-NEXT: Thread T1 created by T0 at:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-wrong-thread.c:30:3 (pthread_create)
// CHECK: SUMMARY: SyncSanitizer: unlock-wrong-thread {{.*}}misuse-unlock-wrong-thread.c:32 in main
// CHECK: unlock=EPERM
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
