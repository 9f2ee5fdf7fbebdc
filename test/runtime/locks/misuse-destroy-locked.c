// destroy-locked for each lock kind: destroying a mutex, an rwlock (held
// for reading), a spinlock and a C11 mtx that the calling thread holds. The
// real destroy still runs (glibc refuses the mutex with EBUSY), and each
// lock is released afterwards, so nothing else is reported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t g_rw;
static pthread_spinlock_t g_spin;
static mtx_t g_mtx;

int main(void) {
  pthread_rwlock_init(&g_rw, NULL);
  pthread_spin_init(&g_spin, PTHREAD_PROCESS_PRIVATE);
  mtx_init(&g_mtx, mtx_plain);
  pthread_mutex_lock(&g_mu);
  int rc = pthread_mutex_destroy(&g_mu);
  pthread_mutex_unlock(&g_mu);
  pthread_rwlock_rdlock(&g_rw);
  pthread_rwlock_destroy(&g_rw);
  pthread_rwlock_unlock(&g_rw);
  pthread_spin_lock(&g_spin);
  pthread_spin_destroy(&g_spin);
  pthread_spin_unlock(&g_spin);
  mtx_lock(&g_mtx);
  mtx_destroy(&g_mtx);
  mtx_unlock(&g_mtx);
  fprintf(stderr, "mutex destroy=%s\n", rc == EBUSY ? "EBUSY" : "other");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}) while holding it
// CHECK-NEXT: Destruction by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked.c:22:12 (pthread_mutex_destroy)
// CHECK: Acquired by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked.c:21:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was statically initialised
// CHECK: SUMMARY: SyncSanitizer: destroy-locked {{.*}}misuse-destroy-locked.c:22 in main
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys rwlock M{{[0-9]+}} 'g_rw' (0x{{[0-9a-f]+}}) while holding it
// CHECK-NEXT: Destruction by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked.c:25:3 (pthread_rwlock_destroy)
// CHECK: Acquired by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked.c:24:3 (pthread_rwlock_rdlock)
// CHECK: rwlock M{{[0-9]+}} was initialised at:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked.c:18:3 (pthread_rwlock_init)
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys spinlock M{{[0-9]+}} 'g_spin' {{.*}} while holding it
// CHECK-NEXT: Destruction by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked.c:28:3 (pthread_spin_destroy)
// CHECK: ERROR: SyncSanitizer: destroy-locked: thread T0 destroys mtx M{{[0-9]+}} 'g_mtx' {{.*}} while holding it
// CHECK-NEXT: Destruction by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-destroy-locked.c:31:3 (mtx_destroy)
// CHECK: mutex destroy=EBUSY
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 4 error reports
