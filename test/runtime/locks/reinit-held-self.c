// Re-initialising a mutex that the runtime believes this thread holds
// makes it a new, unlocked mutex: the re-initialisation is reported
// (lock-reinit-held), but the next lock of it is not a double-lock and the
// process goes on. Two ways to get there: an unlock that syncsan does not
// see (a call through a pointer from
// dlsym(RTLD_NEXT), the C library's own function), and memory reused from a dead
// stack frame whose mutex was left locked.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_mu;
/* The C library's own function, looked up at run time past the executable
 * (RTLD_NEXT: the executable's definition of the name is the runtime's
 * interposer, which would see the call), so neither the pass, nor the
 * runtime's entries for calls through function pointers, nor its
 * interposers see it: the runtime misses the unlock. */
static int unseen_unlock(pthread_mutex_t *m) {
  int (*real)(pthread_mutex_t *) =
      (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_unlock");
  return real(m);
}

/* The same function called twice from the same caller puts its local at
 * the same address: the second call re-initialises the first call's
 * mutex, which that call returned without unlocking. */
static __attribute__((noinline)) void *frame(int leave_locked) {
  pthread_mutex_t m;
  pthread_mutex_init(&m, NULL);
  pthread_mutex_lock(&m);
  if (!leave_locked) {
    pthread_mutex_unlock(&m);
    pthread_mutex_destroy(&m);
  }
  void *volatile where = &m;
  return where;
}

int main(void) {
  pthread_mutex_init(&g_mu, NULL);
  pthread_mutex_lock(&g_mu);
  unseen_unlock(&g_mu);
  pthread_mutex_init(&g_mu, NULL); /* reported: syncsan believes it held */
  pthread_mutex_lock(&g_mu);       /* not a double-lock */
  pthread_mutex_unlock(&g_mu);
  pthread_mutex_destroy(&g_mu);
  fprintf(stderr, "unseen unlock: done\n");

  void *first = frame(1);
  void *second = frame(0);
  fprintf(stderr, "dead frame: %s\n", first == second ? "same address" : "moved");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-reinit-held: thread T0 re-initialises mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}) while holding it
// CHECK: SUMMARY: SyncSanitizer: lock-reinit-held {{.*}}reinit-held-self.c:46 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: unseen unlock: done
// CHECK: ERROR: SyncSanitizer: lock-reinit-held: thread T0 re-initialises mutex M{{[0-9]+}} (0x{{[0-9a-f]+}}) while holding it
// CHECK-NEXT: Re-initialisation by thread T0:
// CHECK-NEXT: #0 frame {{.*}}reinit-held-self.c:32:3 (pthread_mutex_init)
// CHECK: Acquired by thread T0, still held:
// CHECK-NEXT: #0 frame {{.*}}reinit-held-self.c:33:3 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: lock-reinit-held {{.*}}reinit-held-self.c:32 in frame
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: dead frame: same address
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 2 error reports
