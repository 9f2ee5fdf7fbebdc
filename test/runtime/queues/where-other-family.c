// What a thread blocked in a queue call is doing, as other families'
// reports say it (the family's thread_where): a barrier phase stalls
// because its missing participant is blocked pushing to a full queue (a
// ring whose blocking push spins, so no wait inside it is syncsan's to
// describe). queue_stall_ms=0 leaves the queue's own stall unreported.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=barrier_timeout_ms=200:queue_stall_ms=0 %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <syncsan/syncsan.h>
#include <time.h>

#include "Inputs/qwrap.h"

/* "push blocking ok=always" */
QW_DESC(ring_push_blocking, "ring_push", PUSH, ALWAYS, SYNCSAN_QUEUE_BLOCKING, 0,
        SYNCSAN_QUEUE_NO_ARG)

static void ring_push(struct spsc *r, int v) {
  while (!spsc_try_push(r, v))
    sched_yield();
}

QW_INLINE void wrapped_ring_push(struct spsc *r, int v, const struct syncsan_site *s) {
  struct syncsan_queue_call c;
  __syncsan_queue_begin(&c, &ring_push_blocking, r, 0, s);
  ring_push(r, v);
  __syncsan_queue_end(&c, 0);
}
#define RING_PUSH(r, v) wrapped_ring_push((r), (v), QSITE(SYNCSAN_OP_QUEUE_SEND))

static pthread_barrier_t bar;
static struct spsc ring;

static void *worker(void *arg) {
  pthread_barrier_wait(&bar);
  RING_PUSH(&ring, 1);
  RING_PUSH(&ring, 2); /* blocks: the ring holds 1 */
  pthread_barrier_wait(&bar);
  return arg;
}

static void *drainer(void *arg) {
  struct timespec ts = {0, 700 * 1000000};
  nanosleep(&ts, NULL);
  int v, n = 0;
  while (n < 2)
    if (SPSC_POP(&ring, &v))
      n++;
  return arg;
}

int main(void) {
  SPSC_INIT(&ring, 1);
  syncsan_queue_set_name(&ring, "jobs");
  pthread_barrier_init(&bar, NULL, 2);
  pthread_t w, d;
  pthread_create(&w, NULL, worker, NULL);
  pthread_create(&d, NULL, drainer, NULL);
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&bar);
  pthread_join(w, NULL);
  pthread_join(d, NULL);
  spsc_fini(&ring);
  fprintf(stderr, "done\n");
  return 0;
}
// CHECK: ERROR: SyncSanitizer: barrier-stall:
// CHECK: T1: blocked pushing to queue 'jobs' (0x{{[0-9a-f]+}}) at {{.*}}where-other-family.c:39:{{[0-9]+}}
// CHECK: done
