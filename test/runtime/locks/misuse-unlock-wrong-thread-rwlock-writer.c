// unlock-wrong-thread for an rwlock held for writing: thread T1 holds the
// write lock and thread T0, which holds nothing, releases it. The report
// says the holder writes (glibc takes T0's release for a read release).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

static pthread_rwlock_t g_rw;
static sem_t taken, never;

static void *writer(void *arg) {
  pthread_rwlock_wrlock(&g_rw);
  sem_post(&taken);
  sem_wait(&never);
  return arg;
}

int main(void) {
  pthread_rwlock_init(&g_rw, NULL);
  sem_init(&taken, 0, 0);
  sem_init(&never, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  sem_wait(&taken);
  pthread_rwlock_unlock(&g_rw);
  exit(0);
}
// CHECK: ERROR: SyncSanitizer: unlock-wrong-thread: thread T0 releases rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}), which thread T1 holds for writing
// CHECK-NEXT: Release by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-wrong-thread-rwlock-writer.c:27:3 (pthread_rwlock_unlock)
// CHECK: Acquired by thread T1, still held:
// CHECK-NEXT: #0 writer {{.*}}misuse-unlock-wrong-thread-rwlock-writer.c:14:3 (pthread_rwlock_wrlock)
// CHECK: rwlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-unlock-wrong-thread-rwlock-writer.c:21:3 (pthread_rwlock_init)
// CHECK-NEXT: Thread T1 holds the write lock: glibc takes a release by any other thread for a read release
// CHECK: SUMMARY: SyncSanitizer: unlock-wrong-thread {{.*}}misuse-unlock-wrong-thread-rwlock-writer.c:27 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
