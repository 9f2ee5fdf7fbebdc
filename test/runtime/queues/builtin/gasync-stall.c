// queue-stall on a GAsyncQueue: the consumer waits in g_async_queue_pop
// on an empty queue whose two producers have pushed all they had and
// exited. Reported after queue_stall_ms; by default the consumer is left
// waiting (`timeout` ends it: 124). With the queue's policy saying fail,
// the stalled pop is made as g_async_queue_timeout_pop and fails the way
// a pop fails: NULL. The pass rewrote the calls (IR).
// REQUIRES: glib
// RUN: %syncsan-cc %O -g %glib_cflags -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %syncsan-cc %O -g %glib_cflags %s %glib_libs -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 124 timeout 2 %t report 2>&1 | FileCheck %s --check-prefixes=CHECK,REPORT
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 timeout 10 %t fail 2>&1 | FileCheck %s --check-prefixes=CHECK,FAIL
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>

static GAsyncQueue *q;

static gpointer producer(gpointer arg) {
  g_async_queue_push(q, GINT_TO_POINTER(1));
  g_async_queue_push(q, GINT_TO_POINTER(2));
  return arg;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "report";
  setvbuf(stdout, NULL, _IONBF, 0);
  q = g_async_queue_new();
  if (!strcmp(mode, "fail")) {
    struct syncsan_queue_policy fail = {.stall_action = SYNCSAN_QUEUE_FAIL};
    syncsan_queue_set_policy(q, &fail);
  }
  GThread *a = g_thread_new("producer-a", producer, NULL);
  GThread *b = g_thread_new("producer-b", producer, NULL);
  g_thread_join(a);
  g_thread_join(b);
  for (int i = 0; i < 5; i++) {
    gpointer item = g_async_queue_pop(q);
    printf("pop %d: %d\n", i, GPOINTER_TO_INT(item));
    if (!item)
      break;
  }
  g_async_queue_unref(q);
  return 0;
}
// IR-DAG: call {{.*}}@__syncsan_g_async_queue_new(
// IR-DAG: call {{.*}}@__syncsan_g_async_queue_push(
// IR-DAG: call {{.*}}@__syncsan_g_async_queue_pop(
// IR-DAG: call {{.*}}@__syncsan_g_async_queue_unref(
// CHECK: pop 3:
// CHECK: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 0x{{[0-9a-f]+}} created at {{.*}}gasync-stall.c:28:{{[0-9]+}} for {{[0-9]+}} ms (0 items, capacity unknown)
// CHECK-NEXT: Thread T0 waits in g_async_queue_pop{{( at)?}}:
// CHECK-NEXT: #0 main {{.*}}gasync-stall.c:38:{{[0-9]+}}
// CHECK: threads that pushed to it:
// CHECK-NEXT: T{{[12]}}: exited
// CHECK-NEXT: T{{[12]}}: exited
// CHECK-NEXT: every one of them has exited
// FAIL: the pop is made to fail (stall action fail, from the queue's policy)
// CHECK: SUMMARY: SyncSanitizer: queue-stall {{.*}}gasync-stall.c:38
// REPORT-NOT: pop 4
// FAIL: pop 4: 0
