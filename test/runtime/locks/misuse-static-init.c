// Mutex types set by static initialisers are read from the object: an
// errorcheck mutex re-locked is a double-lock that fails with EDEADLK (the
// process goes on), a recursive one re-locked is silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_check = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
static pthread_mutex_t g_rec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

int main(void) {
  pthread_mutex_lock(&g_rec);
  pthread_mutex_lock(&g_rec);
  pthread_mutex_unlock(&g_rec);
  pthread_mutex_unlock(&g_rec);
  pthread_mutex_lock(&g_check);
  int rc = pthread_mutex_lock(&g_check);
  pthread_mutex_unlock(&g_check);
  fprintf(stderr, "relock=%s\n", rc == EDEADLK ? "EDEADLK" : "other");
  return 0;
}
// CHECK-NOT: g_rec
// CHECK: ERROR: SyncSanitizer: double-lock: thread T0 acquires mutex M{{[0-9]+}} 'g_check' (0x{{[0-9a-f]+}}) that it already holds (the call fails with EDEADLK)
// CHECK-NEXT: Second acquisition by thread T0:
// CHECK-NEXT: #0 main {{.*}}misuse-static-init.c:20:12 (pthread_mutex_lock)
// CHECK: First acquisition by thread T0, still held:
// CHECK-NEXT: #0 main {{.*}}misuse-static-init.c:19:3 (pthread_mutex_lock)
// CHECK: mutex M{{[0-9]+}} was statically initialised (no init call seen)
// CHECK: relock=EDEADLK
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 1 error report
