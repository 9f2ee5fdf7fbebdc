// A program that defines functions of GLib's GAsyncQueue names itself (a
// static libglib does) keeps them: the executable's weak interposers give
// way, and the hooks of the calls the pass rewrote call the program's own
// definitions, as GLib is not loaded, instead of ending the process. The
// queue operations are still counted.
// RUN: %clang %O -g -c %S/Inputs/own-gasync.c -o %t-own.o
// RUN: %syncsan-cc %O -g %s %t-own.o -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer --implicit-check-not=syncsan
#include <stdint.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

void *g_async_queue_new(void);
void g_async_queue_push(void *q, void *item);
void *g_async_queue_try_pop(void *q);
void g_async_queue_unref(void *q);

int main(void) {
  void *q = g_async_queue_new();
  for (intptr_t i = 1; i <= 3; i++)
    g_async_queue_push(q, (void *)i);
  intptr_t sum = 0;
  void *item;
  while ((item = g_async_queue_try_pop(q)))
    sum += (intptr_t)item;
  struct syncsan_queue_metrics m;
  if (syncsan_queue_metrics(q, &m) == 0)
    printf("pushes %llu pops %llu failed pops %llu\n", m.pushes, m.pops, m.failed_pops);
  g_async_queue_unref(q);
  printf("sum %ld\n", (long)sum);
  return 0;
}
// CHECK: pushes 3 pops 3 failed pops 1
// CHECK: sum 6
