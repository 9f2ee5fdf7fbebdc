// barrier-lock-held: the main thread waits at the barrier holding a mutex
// that both other participants must take before they arrive: a deadlock
// the lock watchdog cannot see (a barrier wait is no lock wait). Reported
// from the stall check with the lock and both sites. The near miss holds
// a mutex no participant needs while it waits: silent.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:barrier_stall_action=abort %expect-exit 66 %t needed 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=barrier_stall_action=abort %expect-exit 0 %t unneeded 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_barrier_t bar;
static pthread_mutex_t shared = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t private_mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_barrier_wait(&bar);
  pthread_mutex_lock(&shared);
  pthread_mutex_unlock(&shared);
  pthread_barrier_wait(&bar);
  return arg;
}

int main(int argc, char **argv) {
  pthread_mutex_t *held = argc > 1 && !strcmp(argv[1], "needed") ? &shared : &private_mu;
  pthread_t t[2];
  pthread_barrier_init(&bar, NULL, 3);
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  pthread_mutex_lock(held);
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&bar);
  pthread_mutex_unlock(held);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-lock-held: thread T0 waits at barrier 'bar' (0x{{[0-9a-f]+}}) holding mutex M{{[0-9]+}} 'shared' (0x{{[0-9a-f]+}}), which participant T{{[12]}} is blocked acquiring before it can arrive: neither can go on (for at least {{[0-9]+}} ms)
// CHECK-NEXT: Thread T0 waits at the barrier at:
// CHECK-NEXT: #0 main {{.*}}barrier-lock-held.c:33:3 (pthread_barrier_wait)
// CHECK-NEXT: T0 acquired mutex M{{[0-9]+}} 'shared' (0x{{[0-9a-f]+}}) at:
// CHECK-NEXT: #0 main {{.*}}barrier-lock-held.c:31:3 (pthread_mutex_lock)
// CHECK-NEXT: Thread T{{[12]}} waits for mutex M{{[0-9]+}} 'shared' (0x{{[0-9a-f]+}}), held by T0, at:
// CHECK-NEXT: #0 worker {{.*}}barrier-lock-held.c:19:3 (pthread_mutex_lock)
// CHECK-NEXT: barrier 'bar' (0x{{[0-9a-f]+}}) was initialised with count 3 by thread T0 at:
// CHECK: SUMMARY: SyncSanitizer: barrier-lock-held {{.*}}barrier-lock-held.c:33 in main
// CHECK: syncsan: ending the stalled process
// CHECK-NOT: done
// OK: done
