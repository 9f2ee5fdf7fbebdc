// A global lock re-created (destroyed and initialised again) starts with no
// order, but what its new life does is checked as before: the same thread
// takes the old order again after the re-init (a chain it checked before
// the re-init, learned again), then another thread takes the opposite
// order. A real inversion between the live locks: reported, naming the
// acquisitions after the re-init, not the old ones.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;

static void config_then_stats(void) {
  pthread_mutex_lock(&config_mu);
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_unlock(&stats_mu);
  pthread_mutex_unlock(&config_mu);
}

static void *stats_then_config(void *arg) {
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_lock(&config_mu);
  pthread_mutex_unlock(&config_mu);
  pthread_mutex_unlock(&stats_mu);
  return arg;
}

int main(void) {
  config_then_stats();
  pthread_mutex_destroy(&config_mu);
  pthread_mutex_init(&config_mu, NULL);
  fprintf(stderr, "re-created\n");
  config_then_stats(); /* the same order in the new life */
  pthread_t t;
  pthread_create(&t, NULL, stats_then_config, NULL);
  pthread_join(t, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: re-created
// CHECK-NOT: SyncSanitizer: {{[a-z-]+}}:
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'stats_mu' -> 'config_mu' -> 'stats_mu'
// CHECK-NEXT: Thread T1 acquires 'config_mu' while holding 'stats_mu' (this closes the cycle):
// CHECK-NEXT: #0 stats_then_config {{.*}}order-reinit-global.c:24:3 (pthread_mutex_lock)
// CHECK: Thread T0 acquired 'stats_mu' while holding 'config_mu':
// CHECK-NEXT: #0 config_then_stats {{.*}}order-reinit-global.c:17:3 (pthread_mutex_lock)
// CHECK-NEXT: #1 main {{.*}}order-reinit-global.c:35:3
// CHECK: done
// CHECK: SyncSanitizer: 1 error report
