// unlock-wrong-thread for an rwlock: another thread holds it for reading,
// and this thread, which does not, releases it.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

static pthread_rwlock_t g_rw = PTHREAD_RWLOCK_INITIALIZER;
static sem_t taken, never;

static void *reader(void *arg) {
  pthread_rwlock_rdlock(&g_rw);
  sem_post(&taken);
  sem_wait(&never);
  return arg;
}

int main(void) {
  sem_init(&taken, 0, 0);
  sem_init(&never, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, reader, NULL);
  sem_wait(&taken);
  pthread_rwlock_unlock(&g_rw);
  exit(0);
}
// CHECK: ERROR: SyncSanitizer: unlock-wrong-thread: thread T0 releases rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}), which thread T1 holds for reading
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-wrong-thread-rwlock.c:25:3 (pthread_rwlock_unlock)
// CHECK: Acquired by thread T1, still held:
// CHECK-NEXT: #0 reader {{.*}}misuse-unlock-wrong-thread-rwlock.c:13:3 (pthread_rwlock_rdlock)
// CHECK: rwlock M{{[0-9]+}} was statically initialised
// CHECK-NEXT: The release takes away a read share that thread T1 still counts on: a writer can enter while it reads.
// CHECK: SUMMARY: SyncSanitizer: unlock-wrong-thread {{.*}}misuse-unlock-wrong-thread-rwlock.c:25 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
