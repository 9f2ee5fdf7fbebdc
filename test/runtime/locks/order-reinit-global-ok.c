// Near miss: a global lock that is destroyed (or initialised again) is a
// new lock, and the order the old one was taken in goes with it. Each
// global here is used in one order, then re-created, then used in the
// opposite order: two lives of one symbol, never a deadlock. Covers destroy
// + init, init alone on an unlocked lock, the same thread and another, and
// a thread that took the old order and the new one from its chain cache.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

static void *config_then_stats(void *arg) {
  pthread_mutex_lock(&config_mu);
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_unlock(&stats_mu);
  pthread_mutex_unlock(&config_mu);
  return arg;
}

static void *stats_then_config(void *arg) {
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_lock(&config_mu);
  pthread_mutex_unlock(&config_mu);
  pthread_mutex_unlock(&stats_mu);
  return arg;
}

static void cache_then_stats(void) {
  pthread_mutex_lock(&cache_mu);
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_unlock(&stats_mu);
  pthread_mutex_unlock(&cache_mu);
}

static void stats_then_cache(void) {
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_lock(&cache_mu);
  pthread_mutex_unlock(&cache_mu);
  pthread_mutex_unlock(&stats_mu);
}

int main(void) {
  pthread_t t;
  /* Another thread: config -> stats, then config is destroyed and made
   * again, then stats -> config. */
  pthread_create(&t, NULL, config_then_stats, NULL);
  pthread_join(t, NULL);
  pthread_mutex_destroy(&config_mu);
  pthread_mutex_init(&config_mu, NULL);
  pthread_create(&t, NULL, stats_then_config, NULL);
  pthread_join(t, NULL);

  /* The same thread, a re-init without a destroy (an unlocked lock may be
   * initialised again): cache -> stats, then stats -> cache. */
  cache_then_stats();
  pthread_mutex_init(&cache_mu, NULL);
  stats_then_cache();

  /* And back: the newest order (stats -> cache) goes when cache is made
   * again, whoever learned it. */
  pthread_mutex_destroy(&cache_mu);
  pthread_mutex_init(&cache_mu, NULL);
  cache_then_stats();
  printf("ok\n");
  return 0;
}
// CHECK-NOT: SyncSanitizer
// CHECK: ok
// CHECK-NOT: SyncSanitizer
