// Near-miss: a working thread pool over GAsyncQueues, silent. Four
// workers pop jobs (blocking) and push results; main pushes the jobs
// (some at the front, some sorted), pops the results, then one stop item
// per worker. The workers wait on the empty job queue between batches, for
// less than queue_stall_ms. An empty queue's try_pop and a timeout_pop
// that times out are failed pops, no stall; so is a remove of an item
// not there. The _unlocked forms count as the others under the queue's
// lock; a ref and two unrefs destroy the result queue. The metrics count
// every item once. A GThreadPool's own queues are GLib's internals, bound
// inside libglib, and unseen: its idle threads, parked in GLib's queue of
// unused threads for longer than queue_stall_ms, are no stall.
// REQUIRES: glib
// RUN: %syncsan-cc %O -g %glib_cflags %s %glib_libs -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 timeout 20 %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <glib.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

#define WORKERS 4
#define BATCHES 5
#define JOBS 200

static GAsyncQueue *jobs, *results;
static int stop_item;

static gint by_value(gconstpointer a, gconstpointer b, gpointer unused) {
  (void)unused;
  return GPOINTER_TO_INT(a) - GPOINTER_TO_INT(b);
}

static gint pool_sum;

static void pool_task(gpointer item, gpointer unused) {
  (void)unused;
  g_atomic_int_add(&pool_sum, GPOINTER_TO_INT(item));
}

static gpointer worker(gpointer arg) {
  for (;;) {
    gpointer job = g_async_queue_pop(jobs);
    if (job == &stop_item)
      return arg;
    g_async_queue_push(results, GINT_TO_POINTER(GPOINTER_TO_INT(job) * 2));
  }
}

int main(void) {
  jobs = g_async_queue_new();
  results = g_async_queue_new_full(NULL);
  GThread *t[WORKERS];
  for (int i = 0; i < WORKERS; i++)
    t[i] = g_thread_new("worker", worker, NULL);
  long sum = 0;
  for (int b = 0; b < BATCHES; b++) {
    for (int j = 1; j <= JOBS; j++) {
      if (j % 3 == 0)
        g_async_queue_push_front(jobs, GINT_TO_POINTER(j));
      else if (j % 3 == 1)
        g_async_queue_push_sorted(jobs, GINT_TO_POINTER(j), by_value, NULL);
      else
        g_async_queue_push(jobs, GINT_TO_POINTER(j));
    }
    for (int j = 0; j < JOBS; j++)
      sum += GPOINTER_TO_INT(g_async_queue_pop(results));
    g_usleep(20000); /* the workers wait on the empty job queue */
  }
  for (int i = 0; i < WORKERS; i++)
    g_async_queue_push(jobs, &stop_item);
  for (int i = 0; i < WORKERS; i++)
    g_thread_join(t[i]);
  gpointer none = g_async_queue_try_pop(results);
  gpointer late = g_async_queue_timeout_pop(results, 10000);
  printf("sum %ld, empty %s %s\n", sum, none ? "item" : "NULL", late ? "item" : "NULL");
  g_async_queue_lock(jobs);
  g_async_queue_push_unlocked(jobs, GINT_TO_POINTER(7));
  g_async_queue_push_front_unlocked(jobs, GINT_TO_POINTER(8));
  g_async_queue_push_sorted_unlocked(jobs, GINT_TO_POINTER(9), by_value, NULL);
  int a = GPOINTER_TO_INT(g_async_queue_pop_unlocked(jobs));
  int b = GPOINTER_TO_INT(g_async_queue_try_pop_unlocked(jobs));
  gboolean removed = g_async_queue_remove_unlocked(jobs, GINT_TO_POINTER(24 - a - b));
  gpointer timed_out = g_async_queue_timeout_pop_unlocked(jobs, 1000);
  g_async_queue_unlock(jobs);
  gboolean absent = g_async_queue_remove(jobs, GINT_TO_POINTER(5));
  printf("unlocked: %d, removed %d %d, %s\n", a + b, removed, absent, timed_out ? "item" : "NULL");
  struct syncsan_queue_metrics m;
  if (syncsan_queue_metrics(jobs, &m) == 0)
    printf("jobs: pushes %llu pops %llu occupancy %llu capacity %llu\n", m.pushes, m.pops,
           m.occupancy, m.capacity);
  if (syncsan_queue_metrics(results, &m) == 0)
    printf("results: pushes %llu pops %llu failed pops %llu\n", m.pushes, m.pops,
           m.failed_pops);
  g_async_queue_ref(results);
  g_async_queue_unref(results);
  g_async_queue_unref(results);
  g_async_queue_unref(jobs);
  GThreadPool *pool = g_thread_pool_new(pool_task, NULL, 2, FALSE, NULL);
  for (int i = 1; i <= 100; i++)
    g_thread_pool_push(pool, GINT_TO_POINTER(i), NULL);
  g_thread_pool_free(pool, FALSE, TRUE);
  g_usleep(400000); /* its threads wait in GLib's own queue meanwhile */
  printf("pool sum %d\n", g_atomic_int_get(&pool_sum));
  return 0;
}
// CHECK: sum 201000, empty NULL NULL
// CHECK: unlocked: {{15|16|17}}, removed 1 0, NULL
// CHECK: jobs: pushes 1007 pops 1007 occupancy 0 capacity 0
// CHECK: results: pushes 1000 pops 1000 failed pops 2
// CHECK: pool sum 5050
