// A blocking push or pop with timed=NAME: when begin answers
// SYNCSAN_QUEUE_CALL_TIMED (1), the timed form is called instead, with the
// same arguments and the runtime's timeout (truncated to its parameter's
// type), as long as timed_again says; otherwise the call itself, once. The
// program sees either's result (a phi), and end gets it. A timed form the
// unit does not declare is declared with a long timeout.
// RUN: %clang -O0 -Xclang -disable-llvm-passes -g0 -I%srcroot/include -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes=syncsan-queues -S %t.ll | FileCheck %s
// The whole -O2 pipeline: the wrapping is there before the inliner, so a
// queue function defined in the unit is inlined between begin and end.
// RUN: %clang -O2 -Xclang -disable-llvm-passes -g0 -I%srcroot/include -S -emit-llvm %s -o %t.o2.ll
// RUN: %opt -passes='default<O2>' -S %t.o2.ll | FileCheck %s --check-prefix=O2 --implicit-check-not='call i32 @ring_push('
#include <syncsan/syncsan.h>

struct bq;
int bq_push_for(struct bq *q, int v, int ms);
int bq_push(struct bq *q, int v) SYNCSAN_QUEUE("push blocking ok=zero timed=bq_push_for");
int bq_pop_for(struct bq *q, int *v, long ms);
int bq_pop(struct bq *q, int *v) SYNCSAN_QUEUE("pop blocking ok=zero timed=bq_pop_for");

// HAS_TIMED (4) with BLOCKING (1).
// CHECK-DAG: @[[D_PUSH:syncsan.queue_desc.bq_push]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 2, i32 2, i32 5, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_POP:syncsan.queue_desc.bq_pop]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 3, i32 2, i32 5, i32 0, i32 -1, i32 0 }

// CHECK-LABEL: define {{.*}}i32 @produce(
// CHECK: %[[MODE:[0-9a-z.]+]] = call i32 @__syncsan_queue_begin(ptr %[[C:syncsan.qcall]], ptr @[[D_PUSH]], ptr %[[Q:[0-9a-z.]+]], i64 0,
// CHECK-NEXT: %[[IS:[0-9a-z.]+]] = icmp eq i32 %[[MODE]], 1
// CHECK-NEXT: br i1 %[[IS]], label %[[TIMED:syncsan.qtimed[0-9]*]], label %[[PLAIN:syncsan.qplain[0-9]*]]
// CHECK: [[PLAIN]]:
// CHECK-NEXT: %[[R:[0-9a-z.]+]] = call i32 @bq_push(ptr noundef %[[Q]], i32 noundef %[[V:[0-9a-z.]+]])
// CHECK-NEXT: br label %[[DONE:syncsan.qdone[0-9]*]]
// CHECK: [[TIMED]]:
// CHECK-NEXT: %[[MS:[0-9a-z.]+]] = call i64 @__syncsan_queue_timeout_ms(ptr %[[C]])
// CHECK-NEXT: %[[MS32:[0-9a-z.]+]] = trunc i64 %[[MS]] to i32
// CHECK-NEXT: %[[RT:[0-9a-z.]+]] = call i32 @bq_push_for(ptr noundef %[[Q]], i32 noundef %[[V]], i32 noundef %[[MS32]]), !syncsan.queue
// CHECK-NEXT: %[[RT64:[0-9a-z.]+]] = sext i32 %[[RT]] to i64
// CHECK-NEXT: %[[AGAIN:[0-9a-z.]+]] = call i32 @__syncsan_queue_timed_again(ptr %[[C]], i64 %[[RT64]])
// CHECK-NEXT: %[[MORE:[0-9a-z.]+]] = icmp ne i32 %[[AGAIN]], 0
// CHECK-NEXT: br i1 %[[MORE]], label %[[TIMED]], label %[[DONE]]
// CHECK: [[DONE]]:
// CHECK-NEXT: %[[RES:[0-9a-z.]+]] = phi i32 [ %[[R]], %[[PLAIN]] ], [ %[[RT]], %[[TIMED]] ]
// CHECK-NEXT: %[[RES64:[0-9a-z.]+]] = sext i32 %[[RES]] to i64
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 %[[RES64]])
// The program's own use of the result is the phi's.
// CHECK-NEXT: store i32 %[[RES]], ptr
// A direct call of the timed form is the program's: not wrapped.
// CHECK-NOT: __syncsan_queue_begin
// CHECK: call i32 @bq_push_for(ptr noundef %{{.*}}, i32 noundef 7, i32 noundef 10)
// CHECK-NOT: !syncsan.queue
// CHECK: ret i32
int produce(struct bq *q, int v) {
  int r = bq_push(q, v);
  r += bq_push_for(q, 7, 10);
  return r;
}

// bq_pop_for is not called here, so not declared in this unit's IR: the
// pass declares it, its timeout a long.
// CHECK-LABEL: define {{.*}}i32 @consume(
// CHECK: call i32 @__syncsan_queue_begin(ptr %{{.*}}, ptr @[[D_POP]],
// CHECK: call i32 @bq_pop_for(ptr noundef %{{.*}}, ptr noundef %{{.*}}, i64 %{{.*}}), !syncsan.queue
// CHECK: declare i32 @bq_pop_for(ptr, ptr, i64)
int consume(struct bq *q) {
  int v = 0;
  return bq_pop(q, &v) ? -1 : v;
}

// A queue function defined here: inlined after wrapping, its body between
// begin and end; the plain path's call is gone, the timed one is not.
struct ring {
  int n;
};
int ring_push_for(struct ring *r, int v, long ms);
int ring_push(struct ring *r, int v) SYNCSAN_QUEUE("push blocking ok=zero timed=ring_push_for");
int ring_push(struct ring *r, int v) {
  r->n += v;
  return 0;
}
// O2-LABEL: define {{.*}}i32 @ring_user(
// O2: call i32 @__syncsan_queue_begin(
// O2-DAG: call i32 @ring_push_for(
// O2-DAG: call void @__syncsan_queue_end(
// O2: ret i32
int ring_user(struct ring *r) { return ring_push(r, 3); }
