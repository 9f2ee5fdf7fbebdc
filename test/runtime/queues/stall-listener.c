// Stall listeners decide the recovery. A pop on an empty queue stalls
// (queue_stall_ms=200) while the producer, which pushed before, sleeps:
// - fail: the pop's timed form is used (a listener is registered), and
//   the listener's FAIL makes the pop fail the way it fails on a timeout
//   (ETIMEDOUT), with a report that says so; the listener runs on the
//   stalled thread and sees the stall's figures;
// - abort: the report, then the process ends with exitcode;
// - wait: no report; the listener is asked again every stall period while
//   the pop waits, and the pop completes when the producer pushes;
// - notimed: FAIL for a pop that declares no timed form cannot be
//   honoured: the monitor's report says so and the pop keeps waiting;
// - policy: no listener, the queue's policy says fail (the timed form is
//   used because of it).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t fail 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t abort 2>&1 | FileCheck %s --check-prefix=ABORT
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 0 %t wait 2>&1 | FileCheck %s --check-prefix=WAIT --implicit-check-not=SyncSanitizer
// RUN: env SYNCSAN_OPTIONS=queue_stall_ms=200 %expect-exit 66 %t notimed 2>&1 | FileCheck %s --check-prefix=NOTIMED
// RUN: %expect-exit 66 %t policy 2>&1 | FileCheck %s --check-prefix=POLICY
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <syncsan/syncsan.h>
#include <time.h>

#include "Inputs/qwrap.h"

static struct bq *q;
static const char *mode;
static int asked;
static long late_ms = 700;

static int listener(const struct syncsan_queue_stall *s, void *arg) {
  asked++;
  if (asked == 1)
    fprintf(stderr, "listener: %s push=%d fn=%s line=%u waited>=200:%d occ=%lu cap=%lu alive=%d arg=%s\n",
            s->name, s->push, s->function, s->line, s->waited_ms >= 200, s->occupancy,
            s->capacity, s->other_side_alive, (const char *)arg);
  if (!strcmp(mode, "fail") || !strcmp(mode, "notimed"))
    return SYNCSAN_QUEUE_FAIL;
  if (!strcmp(mode, "abort"))
    return SYNCSAN_QUEUE_ABORT;
  return SYNCSAN_QUEUE_WAIT;
}

static void *producer(void *arg) {
  BQ_PUSH(q, 1);
  struct timespec ts = {late_ms / 1000, (late_ms % 1000) * 1000000};
  nanosleep(&ts, NULL);
  BQ_PUSH(q, 2);
  return arg;
}

int main(int argc, char **argv) {
  mode = argc > 1 ? argv[1] : "wait";
  q = BQ_NEW(8);
  syncsan_queue_set_name(q, "events");
  if (!strcmp(mode, "policy")) {
    struct syncsan_queue_policy p = {0};
    p.stall_ms = 200;
    p.stall_action = SYNCSAN_QUEUE_FAIL;
    fprintf(stderr, "set_policy: %d\n", syncsan_queue_set_policy(q, &p));
  } else {
    syncsan_queue_on_stall(listener, "ctx");
  }
  int v;
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  BQ_POP(q, &v);
  int r = !strcmp(mode, "notimed") ? BQ_POP_NOTIMED(q, &v) : BQ_POP(q, &v);
  fprintf(stderr, "pop: %d\n", r);
  pthread_join(t, NULL);
  if (!strcmp(mode, "wait"))
    fprintf(stderr, "asked more than once: %d\n", asked > 1);
  return 0;
}
// FAIL: listener: events push=0 fn=bq_pop line=70 waited>=200:1 occ=0 cap=8 alive=1 arg=ctx
// FAIL: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 'events' (0x{{[0-9a-f]+}}) for {{[0-9]+}} ms (0 of 8 items)
// FAIL: Thread T0 waits in bq_pop:
// FAIL-NEXT: #0 main {{.*}}stall-listener.c:70:{{[0-9]+}}
// FAIL: threads that pushed to it:
// FAIL-NEXT: T1: running
// FAIL: the pop is made to fail (stall action fail, from a stall listener)
// FAIL: pop: 110
// ABORT: listener: events push=0
// ABORT: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 'events'
// ABORT: ending the process (stall action abort, from a stall listener)
// ABORT: ending the stalled process (queue stall action abort, from a stall listener)
// ABORT-NOT: pop:
// WAIT: listener: events push=0 fn=bq_pop
// WAIT: pop: 0
// WAIT: asked more than once: 1
// NOTIMED: listener: events push=0 fn=bq_pop line=70
// NOTIMED: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 'events'
// NOTIMED: Thread T0 waits in bq_pop at:
// NOTIMED: cannot make bq_pop fail: it declares no timed form (timed=); it keeps waiting (stall action fail, from a stall listener)
// NOTIMED: pop: 0
// POLICY: set_policy: 0
// POLICY: ERROR: SyncSanitizer: queue-stall: thread T0 has been blocked popping from queue 'events'
// POLICY: the pop is made to fail (stall action fail, from the queue's policy)
// POLICY: pop: 110
