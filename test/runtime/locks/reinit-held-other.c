// Another thread's view of a re-initialised mutex: T1 holds it, T0
// releases it behind syncsan's back (a call through a pointer from
// dlsym(RTLD_NEXT), the C library's own function)
// and re-initialises it. The re-initialisation is reported, naming T1;
// from then on T1's old entry makes nobody the holder of the new mutex:
// destroying it is silent, an unlock of it by T0 is unlock-not-held (not
// unlock-wrong-thread), and T1's next lock of it is not a double-lock.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 timeout 30 %t 2>&1 | FileCheck %s
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t taken, go;
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

static void *holder(void *arg) {
  pthread_mutex_lock(&g_mu);
  sem_post(&taken);
  sem_wait(&go);
  pthread_mutex_lock(&g_mu); /* the new mutex: not a double-lock */
  pthread_mutex_unlock(&g_mu);
  return arg; /* holds nothing: no lock-held-at-exit */
}

int main(void) {
  sem_init(&taken, 0, 0);
  sem_init(&go, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, holder, NULL);
  sem_wait(&taken);
  unseen_unlock(&g_mu);
  pthread_mutex_init(&g_mu, NULL); /* reported: T1 holds it as far as syncsan knows */
  pthread_mutex_lock(&g_mu);
  pthread_mutex_unlock(&g_mu);
  pthread_mutex_destroy(&g_mu);    /* silent */
  pthread_mutex_init(&g_mu, NULL); /* silent */
  pthread_mutex_unlock(&g_mu);     /* unlock-not-held */
  pthread_mutex_init(&g_mu, NULL);
  sem_post(&go);
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-reinit-held: thread T0 re-initialises mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}) while thread T1 holds it
// CHECK-NEXT: Re-initialisation by thread T0:
// CHECK-NEXT: #0 main {{.*}}reinit-held-other.c:45:3 (pthread_mutex_init)
// CHECK: Acquired by thread T1, still held:
// CHECK-NEXT: #0 holder {{.*}}reinit-held-other.c:30:3 (pthread_mutex_lock)
// CHECK: SUMMARY: SyncSanitizer: lock-reinit-held {{.*}}reinit-held-other.c:45 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: ERROR: SyncSanitizer: unlock-not-held: thread T0 releases mutex M{{[0-9]+}} 'g_mu' (0x{{[0-9a-f]+}}) that it does not hold
// CHECK: SUMMARY: SyncSanitizer: unlock-not-held {{.*}}reinit-held-other.c:50 in main
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: done
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: SyncSanitizer: 2 error reports
