// Lock-order edges ordered by joins cannot overlap in time: a thread takes
// 'table' then 'stats' and exits, main joins it, and only then takes them
// in the other order (memcached's shutdown: stop_threads joins the
// maintenance thread before taking its locks in reverse). No report, also
// when the edge's taker was joined through a chain of joins (main joins T1,
// which had joined T2, which took the edge), with a try-join or a timed
// join, and with thrd_join in C11.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t direct 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t chain 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t tryjoin 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t timedjoin 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: %expect-exit 0 %t c11 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// CHECK: ok
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>
#include <time.h>

static pthread_mutex_t table = PTHREAD_MUTEX_INITIALIZER, stats = PTHREAD_MUTEX_INITIALIZER;

static void table_then_stats(void) {
  pthread_mutex_lock(&table);
  pthread_mutex_lock(&stats);
  pthread_mutex_unlock(&stats);
  pthread_mutex_unlock(&table);
}

static void *maintainer(void *arg) {
  table_then_stats();
  return arg;
}

/* T1: starts T2 (the taker) and joins it before it exits itself. */
static void *supervisor(void *arg) {
  pthread_t t2;
  pthread_create(&t2, NULL, maintainer, NULL);
  pthread_join(t2, NULL);
  return arg;
}

static int c11_maintainer(void *arg) {
  (void)arg;
  table_then_stats();
  return 0;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "direct";
  pthread_t t;
  if (!strcmp(mode, "c11")) {
    thrd_t c;
    thrd_create(&c, c11_maintainer, NULL);
    thrd_join(c, NULL);
  } else {
    pthread_create(&t, NULL, !strcmp(mode, "chain") ? supervisor : maintainer, NULL);
    if (!strcmp(mode, "tryjoin")) {
      while (pthread_tryjoin_np(t, NULL) == EBUSY) {
        struct timespec ms = {0, 1000 * 1000};
        nanosleep(&ms, NULL);
      }
    } else if (!strcmp(mode, "timedjoin")) {
      struct timespec until;
      clock_gettime(CLOCK_REALTIME, &until);
      until.tv_sec += 60;
      pthread_timedjoin_np(t, NULL, &until);
    } else {
      pthread_join(t, NULL);
    }
  }
  /* Shutdown: the other order, after the join. */
  pthread_mutex_lock(&stats);
  pthread_mutex_lock(&table);
  pthread_mutex_unlock(&table);
  pthread_mutex_unlock(&stats);
  printf("ok\n");
  return 0;
}
