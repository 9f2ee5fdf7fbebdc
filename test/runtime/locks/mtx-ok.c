// Near misses for C11 mutexes: an mtx_recursive locked again by its owner
// (plain and timed variants of the recursive type), a trylock that fails
// with thrd_busy, contended use from several threads. Silent, exit 0.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 0 %t 2>&1 | FileCheck %s
// CHECK-NOT: SyncSanitizer
// CHECK: count=4000 busy=1
// CHECK-NOT: SyncSanitizer
#include <stdio.h>
#include <threads.h>
#include <time.h>

static mtx_t rec, rec_timed, plain;
static long count;

static int worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    mtx_lock(&rec);
    mtx_lock(&rec);
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    ts.tv_sec += 5;
    mtx_timedlock(&rec_timed, &ts);
    mtx_timedlock(&rec_timed, &ts);
    count++;
    mtx_unlock(&rec_timed);
    mtx_unlock(&rec_timed);
    mtx_unlock(&rec);
    mtx_unlock(&rec);
  }
  return arg != NULL;
}

static int try_busy(void *arg) {
  (void)arg;
  return mtx_trylock(&plain) == thrd_busy;
}

int main(void) {
  mtx_init(&rec, mtx_plain | mtx_recursive);
  mtx_init(&rec_timed, mtx_timed | mtx_recursive);
  mtx_init(&plain, mtx_plain);
  thrd_t t[4];
  for (int i = 0; i < 4; i++)
    thrd_create(&t[i], worker, NULL);
  for (int i = 0; i < 4; i++)
    thrd_join(t[i], NULL);
  mtx_lock(&plain);
  thrd_t tb;
  int busy = 0;
  thrd_create(&tb, try_busy, NULL);
  thrd_join(tb, &busy);
  mtx_unlock(&plain);
  mtx_destroy(&plain);
  mtx_destroy(&rec_timed);
  mtx_destroy(&rec);
  printf("count=%ld busy=%d\n", count, busy);
  return 0;
}
