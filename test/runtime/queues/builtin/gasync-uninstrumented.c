// GAsyncQueues used only by code the pass never compiled (a job queue in
// a library, and the program itself built with plain clang) are seen
// through the weak interposers: a correct producer and consumer is
// silent and counted (metrics), a pop with no producer left is a
// queue-stall. Sites are the library's, named by the symbolizer.
// REQUIRES: glib
// RUN: %clang %O -g -fPIC -shared %glib_cflags %S/Inputs/gasync-lib.c %glib_libs -o %t-lib.so
// RUN: %syncsan-cc %O -g %s %t-lib.so %glib_libs -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 10 %t ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 124 timeout 2 %t stall 2>&1 | FileCheck %s --check-prefix=STALL
// RUN: %clang %O -g -I%srcroot/include -c %s -o %t-plain.o
// RUN: %syncsan-cc %t-plain.o %t-lib.so %glib_libs -o %t-plain
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 10 %t-plain ok 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 124 timeout 2 %t-plain stall 2>&1 | FileCheck %s --check-prefix=STALL
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>

typedef struct _GAsyncQueue GAsyncQueue;
GAsyncQueue *jobq_new(void);
void jobq_push(GAsyncQueue *q, int v);
int jobq_pop(GAsyncQueue *q);
int jobq_try_pop(GAsyncQueue *q);
void jobq_free(GAsyncQueue *q);

static GAsyncQueue *q;

static void *producer(void *arg) {
  for (int i = 1; i <= 100; i++)
    jobq_push(q, i);
  return arg;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "ok";
  q = jobq_new();
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  long sum = 0;
  for (int i = 0; i < 100; i++)
    sum += jobq_pop(q);
  pthread_join(t, NULL);
  if (!strcmp(mode, "stall"))
    jobq_pop(q);
  int none = jobq_try_pop(q);
  struct syncsan_queue_metrics m;
  if (syncsan_queue_metrics(q, &m) == 0)
    printf("pushes %llu pops %llu failed pops %llu\n", m.pushes, m.pops, m.failed_pops);
  jobq_free(q);
  printf("sum %ld, then %d\n", sum, none);
  return 0;
}
// OK: pushes 100 pops 100 failed pops 1
// OK: sum 5050, then 0
// STALL: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 0x{{[0-9a-f]+}} {{.*}} (0 items, capacity unknown)
// STALL-NEXT: Thread T0 waits in g_async_queue_pop{{( at)?}}:
// STALL-NEXT: #0 {{jobq_pop .*gasync-lib.c|main .*gasync-uninstrumented.c}}:{{[0-9]+}}
// STALL: threads that pushed to it:
// STALL-NEXT: T1: exited
// STALL-NEXT: every one of them has exited
// STALL-NOT: sum
