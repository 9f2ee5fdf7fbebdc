// Many threads (64) and many locks (10,000 instances, each nested under a
// global one, created and destroyed repeatedly) in a consistent order: no
// false reports, and memory stays bounded (the runtime's tables recycle
// destroyed locks). 1100 locks held at once by one thread: a one-time
// warning past max_held_locks, no crash, no false report on release.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// RUN: env SYNCSAN_OPTIONS=max_lock_classes=50 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=SMALL
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#define THREADS 64
#define LOCKS 10000
#define ROUNDS 20

pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t *locks;
static long hits[LOCKS];

static void *worker(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < LOCKS; i += 7) {
    int k = (int)((i + id * 131) % LOCKS);
    pthread_mutex_lock(&outer);
    pthread_mutex_lock(&locks[k]);
    hits[k]++;
    pthread_mutex_unlock(&locks[k]);
    pthread_mutex_unlock(&outer);
  }
  return NULL;
}

int main(void) {
  locks = malloc(LOCKS * sizeof(*locks));
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < LOCKS; i++)
      pthread_mutex_init(&locks[i], NULL);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
      pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < THREADS; i++)
      pthread_join(t[i], NULL);
    for (int i = 0; i < LOCKS; i++)
      pthread_mutex_destroy(&locks[i]);
  }
  /* Hold 1100 locks at once, in order, then release them all. */
  static pthread_mutex_t held[1100];
  for (int i = 0; i < 1100; i++)
    pthread_mutex_lock(&held[i]);
  for (int i = 1099; i >= 0; i--)
    pthread_mutex_unlock(&held[i]);
  long total = 0;
  for (int i = 0; i < LOCKS; i++)
    total += hits[i];
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("total=%ld bounded=%s\n", total, ru.ru_maxrss < 256 * 1024 ? "yes" : "no");
  return 0;
}
// CHECK: WARNING: SyncSanitizer: thread T0 holds more than max_held_locks=1024 locks; locks taken past that are not checked
// CHECK-NOT: ERROR: SyncSanitizer
// CHECK-NOT: max_lock_edges
// CHECK: total=1829120 bounded=yes
// SMALL: WARNING: SyncSanitizer: more than max_lock_classes=50 lock classes
// SMALL-NOT: ERROR: SyncSanitizer
// SMALL: total=1829120 bounded=yes
