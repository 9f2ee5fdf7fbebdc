// destroy-locked when another thread holds the lock; re-initialising a
// lock that the calling thread holds is lock-reinit-held.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t g_spin;
static sem_t taken, never;

static void *writer(void *arg) {
  pthread_rwlock_wrlock(&g_rw);
  sem_post(&taken);
  sem_wait(&never);
  return arg;
}

int main(void) {
  sem_init(&taken, 0, 0);
  sem_init(&never, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  sem_wait(&taken);
  pthread_rwlock_destroy(&g_rw);

  pthread_spin_init(&g_spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_lock(&g_spin);
  pthread_spin_init(&g_spin, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_unlock(&g_spin);
  exit(0);
}
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}) while thread T1 holds it
// CHECK-NEXT: Destruction by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked-other.c:26:3 (pthread_rwlock_destroy)
// CHECK: Acquired by thread T1, still held:
// CHECK-NEXT: #0 writer {{.*}}misuse-destroy-locked-other.c:14:3 (pthread_rwlock_wrlock)
// CHECK: rwlock M{{[0-9]+}} was statically initialised
// CHECK-NEXT: Thread T0 is the main thread
// CHECK-NEXT: Thread T1 created by T0 at:
// CHECK: SUMMARY: SyncSanitizer: destroy-locked {{.*}}misuse-destroy-locked-other.c:26 in main
// CHECK: ERROR: SyncSanitizer: lock-reinit-held: thread T0 re-initialises spinlock M{{[0-9]+}} 'g_spin' (0x{{[0-9a-f]+}}) while holding it
// CHECK-NEXT: Re-initialisation by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked-other.c:30:3 (pthread_spin_init)
// CHECK: Acquired by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked-other.c:29:3 (pthread_spin_lock)
// CHECK: spinlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked-other.c:28:3 (pthread_spin_init)
// CHECK: SUMMARY: SyncSanitizer: lock-reinit-held {{.*}}misuse-destroy-locked-other.c:30 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
