// End to end, with a stand-in for the runtime's entry points that prints
// what they get (Inputs/queue_abi_print.c): each wrapped call is made
// exactly once, with its arguments, and the program sees its result; the
// entry points see the descriptor, the queue, the capacity and the site.
// With the timed form asked for, it replaces the call, retried as the
// runtime says, and its result is the program's.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O0 -c -I%srcroot/include %S/Inputs/queue_abi_print.c -o %t/stub.o
// RUN: %syncsan-cc -O0 -g -c %s -o %t/o0.o
// RUN: %clang %t/o0.o %t/stub.o -o %t/o0
// RUN: %t/o0 | FileCheck %s
// RUN: env QSTUB_TIMED=1 %t/o0 | FileCheck %s --check-prefix=TIMED
// RUN: %syncsan-cc -O2 -g -c %s -o %t/o2.o
// RUN: %clang %t/o2.o %t/stub.o -o %t/o2
// RUN: %t/o2 | FileCheck %s
// RUN: env QSTUB_TIMED=1 %t/o2 | FileCheck %s --check-prefix=TIMED
#include <errno.h>
#include <stdio.h>
#include <syncsan/syncsan.h>

struct bq {
  int buf[2];
  unsigned head, tail, cap;
};

static int calls; // of the queue's own functions

struct bq *bq_init(struct bq *q, unsigned cap)
    SYNCSAN_QUEUE("create handle=result capacity=arg1");
int bq_push_for(struct bq *q, int v, long ms);
int bq_push(struct bq *q, int v) SYNCSAN_QUEUE("push blocking ok=zero timed=bq_push_for");
int bq_pop(struct bq *q, int *v) SYNCSAN_QUEUE("pop ok=zero");
void bq_close(struct bq *q) SYNCSAN_QUEUE("close");

struct bq *bq_init(struct bq *q, unsigned cap) {
  calls++;
  q->head = q->tail = 0;
  q->cap = cap;
  return q;
}
int bq_push_for(struct bq *q, int v, long ms) {
  calls++;
  printf("bq_push_for %d %ld\n", v, ms);
  if (q->tail - q->head == q->cap)
    return ETIMEDOUT;
  q->buf[q->tail++ % 2] = v;
  return 0;
}
// Would block when full; here it fails, so that the test ends.
int bq_push(struct bq *q, int v) {
  calls++;
  if (q->tail - q->head == q->cap)
    return EAGAIN;
  q->buf[q->tail++ % 2] = v;
  return 0;
}
int bq_pop(struct bq *q, int *v) {
  calls++;
  if (q->tail == q->head)
    return EAGAIN;
  *v = q->buf[q->head++ % 2];
  return 0;
}
void bq_close(struct bq *q) { calls++; }

struct bq g_q;

int main(void) {
  // CHECK: begin bq_init role=1 ok=0 flags=0 handle=-1 capacity_arg=1 capacity=0 declared={{.*}}queue-run.c:35 | queue=(nil) capacity=2 site={{.*}}queue-run.c:[[# @LINE + 3]] in main op=51 object=-
  // CHECK-NEXT: end bq_init r=[[Q:[0-9]+]]
  // CHECK-NEXT: init [[Q]] calls=1
  struct bq *q = bq_init(&g_q, 2);
  printf("init %lu calls=%d\n", (unsigned long)q, calls);
  // CHECK-NEXT: begin bq_push role=2 ok=2 flags=5 handle=0 capacity_arg=-1 capacity=0 declared={{.*}}queue-run.c:50 | queue=0x{{[0-9a-f]+}} capacity=0 site={{.*}}queue-run.c:[[# @LINE + 4]] in main op=52 object=g_q
  // CHECK-NEXT: end bq_push r=0
  // CHECK-NEXT: begin bq_push
  // CHECK-NEXT: end bq_push r=0
  int r = bq_push(&g_q, 10) + bq_push(&g_q, 11);
  // CHECK-NEXT: push 0 calls=3
  printf("push %d calls=%d\n", r, calls);
  // Full: the push fails, and says so.
  // CHECK-NEXT: begin bq_push
  // CHECK-NEXT: end bq_push r=11
  // CHECK-NEXT: full 11 calls=4
  r = bq_push(q, 12);
  printf("full %d calls=%d\n", r, calls);
  // CHECK-NEXT: begin bq_pop role=3 ok=2 flags=0 handle=0 {{.*}} op=53 object=-
  // CHECK-NEXT: end bq_pop r=0
  // CHECK-NEXT: pop 0 10 calls=5
  int v = -1;
  r = bq_pop(q, &v);
  printf("pop %d %d calls=%d\n", r, v, calls);
  // CHECK-NEXT: begin bq_close role=4 {{.*}} op=54
  // CHECK-NEXT: end bq_close r=0
  // CHECK-NEXT: close calls=6
  bq_close(q);
  printf("close calls=%d\n", calls);
  return 0;
}

// The timed form instead of the push, for each push: it succeeds at once
// twice; on the full queue it times out, is retried once, and fails.
// TIMED: begin bq_push
// TIMED-NEXT: timeout_ms bq_push
// TIMED-NEXT: bq_push_for 10 25
// TIMED-NEXT: timed_again bq_push r=0 -> 0
// TIMED-NEXT: end bq_push r=0
// TIMED: push 0 calls=3
// TIMED-NEXT: begin bq_push
// TIMED-NEXT: timeout_ms bq_push
// TIMED-NEXT: bq_push_for 12 25
// TIMED-NEXT: timed_again bq_push r=110 -> 1
// TIMED-NEXT: timeout_ms bq_push
// TIMED-NEXT: bq_push_for 12 25
// TIMED-NEXT: timed_again bq_push r=110 -> 0
// TIMED-NEXT: end bq_push r=110
// TIMED-NEXT: full 110 calls=5
// The pop has no timed form: called itself.
// TIMED-NEXT: begin bq_pop
// TIMED-NEXT: end bq_pop r=0
