// Every direct call of an annotated function is wrapped as
// <syncsan/abi_queue.h> shows: begin(&c, &desc, handle, capacity, &site),
// the call itself with its arguments and attributes unchanged, then
// end(&c, result as an integer). One call record per function, in the
// entry block; one descriptor per function, only for those called. Not
// wrapped: a call through a pointer, a call inside a declared function (its
// own call of another is the caller's one operation), a musttail call.
// RUN: %clang -O0 -Xclang -disable-llvm-passes -g0 -I%srcroot/include -I%S/Inputs -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes=syncsan-queues -S %t.ll | FileCheck %s
// Run twice, nothing is wrapped twice.
// RUN: %opt -passes=syncsan-queues,syncsan-queues -S %t.ll | FileCheck %s
// Off: nothing at all.
// RUN: %opt -passes=syncsan-queues -syncsan-instrument-queues=0 -S %t.ll | FileCheck %s --check-prefix=OFF
// OFF-NOT: __syncsan_queue
// OFF-NOT: syncsan.queue_desc
#include "bq.h"

struct ring {
  int buf[4];
  unsigned head, tail;
};
int ring_init(struct ring *r) SYNCSAN_QUEUE("create capacity=4");
int ring_put(struct ring *r, int v) SYNCSAN_QUEUE("push ok=zero");
long fdq_send(unsigned long n, int fd) SYNCSAN_QUEUE("push handle=1 ok=nonneg");

void bq_addr_only(struct bq *q) SYNCSAN_QUEUE("close");

struct ring g_ring;
void (*g_keep)(struct bq *) = bq_addr_only;

// CHECK-DAG: %syncsan.queue_desc = type { ptr, ptr, i32, i32, i32, i32, i32, i32 }
// Roles 1..5 (create, push, pop, close, destroy); ok 0..4 (always,
// nonzero, zero, nonnull, nonneg); flags BLOCKING 1, STRICT_CLOSE 2;
// handle -1 is the result, capacity_arg -1 none.
// CHECK-DAG: @[[D_NEW:syncsan.queue_desc.bq_new]] = private constant %syncsan.queue_desc { ptr @[[N_NEW:syncsan.qstr[.0-9]*]], ptr @[[O_NEW:syncsan.qstr[.0-9]*]], i32 1, i32 0, i32 0, i32 -1, i32 0, i32 0 }, align 8
// CHECK-DAG: @[[N_NEW]] = private unnamed_addr constant [7 x i8] c"bq_new\00"
// CHECK-DAG: @[[O_NEW]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"{{.*}}bq.h:5\00"
// CHECK-DAG: @[[D_PUSH:syncsan.queue_desc.bq_push]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 2, i32 2, i32 1, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_POP:syncsan.queue_desc.bq_pop]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 3, i32 2, i32 3, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_TRY:syncsan.queue_desc.bq_try_push]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 2, i32 1, i32 0, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_TAKE:syncsan.queue_desc.bq_take]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 3, i32 3, i32 0, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_CLOSE:syncsan.queue_desc.bq_close]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 4, i32 0, i32 0, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_FREE:syncsan.queue_desc.bq_free]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 5, i32 0, i32 0, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_RINIT:syncsan.queue_desc.ring_init]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 1, i32 0, i32 0, i32 0, i32 -1, i32 4 }
// CHECK-DAG: @[[D_RPUT:syncsan.queue_desc.ring_put]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 2, i32 2, i32 0, i32 0, i32 -1, i32 0 }
// CHECK-DAG: @[[D_FD:syncsan.queue_desc.fdq_send]] = private constant %syncsan.queue_desc { ptr @{{.*}}, ptr @{{.*}}, i32 2, i32 4, i32 0, i32 1, i32 -1, i32 0 }
// Sites: op QUEUE_CREATE 51 .. QUEUE_DESTROY 55 (abi.h); the object named
// when the handle is a global.
// CHECK-DAG: @[[S_NEW:syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{.*}}, ptr @{{.*}}, ptr null, i32 {{[0-9]+}}, i32 {{[0-9]+}}, i32 51, i32 {{[0-9]+}} }
// CHECK-DAG: @[[S_RINIT:syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{.*}}, ptr @{{.*}}, ptr @[[G_RING:syncsan.str[.0-9]*]], i32 {{[0-9]+}}, i32 {{[0-9]+}}, i32 51, i32 {{[0-9]+}} }
// CHECK-DAG: @[[G_RING]] = private unnamed_addr constant [7 x i8] c"g_ring\00"
// Only taken by address: no descriptor.
// CHECK-NOT: syncsan.queue_desc.bq_addr_only

// CHECK-LABEL: define {{.*}}i32 @user(
// CHECK: %[[C:syncsan.qcall]] = alloca [8 x i64], align 8
// CHECK: %[[CAP:[0-9a-z.]+]] = zext i32 %{{.*}} to i64
// CHECK-NEXT: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_NEW]], ptr null, i64 %[[CAP]], ptr @[[S_NEW]])
// CHECK-NEXT: %[[Q:[0-9a-z.]+]] = call ptr @bq_new(i32 noundef %{{.*}})
// CHECK-NEXT: %[[QI:[0-9a-z.]+]] = ptrtoint ptr %[[Q]] to i64
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 %[[QI]])
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_PUSH]], ptr %[[H:[0-9a-z.]+]], i64 0, ptr @{{.*}})
// CHECK-NEXT: %[[R:[0-9a-z.]+]] = call i32 @bq_push(ptr noundef %[[H]], i32 noundef 1)
// CHECK-NEXT: %[[RI:[0-9a-z.]+]] = sext i32 %[[R]] to i64
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 %[[RI]])
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_POP]],
// CHECK-NEXT: call i32 @bq_pop(
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_TRY]],
// CHECK-NEXT: %[[B:[0-9a-z.]+]] = call zeroext i1 @bq_try_push(
// CHECK-NEXT: %[[BI:[0-9a-z.]+]] = zext i1 %[[B]] to i64
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 %[[BI]])
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_TAKE]],
// CHECK-NEXT: %[[P:[0-9a-z.]+]] = call ptr @bq_take(
// CHECK-NEXT: %[[PI:[0-9a-z.]+]] = ptrtoint ptr %[[P]] to i64
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 %[[PI]])
// The integer handle (parameter 1) as the queue's address.
// CHECK: %[[FD:[0-9a-z.]+]] = sext i32 %{{.*}} to i64
// CHECK-NEXT: %[[FDP:[0-9a-z.]+]] = inttoptr i64 %[[FD]] to ptr
// CHECK-NEXT: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_FD]], ptr %[[FDP]], i64 0,
// CHECK-NEXT: %[[L:[0-9a-z.]+]] = call i64 @fdq_send(i64 noundef 3, i32 noundef %{{.*}})
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 %[[L]])
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_RINIT]], ptr @g_ring, i64 4, ptr @[[S_RINIT]])
// CHECK-NEXT: call i32 @ring_init(ptr noundef @g_ring)
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_RPUT]], ptr @g_ring, i64 0,
// CHECK-NEXT: call i32 @ring_put(ptr noundef @g_ring, i32 noundef 5)
// Through a pointer: left alone.
// CHECK: %[[FP:[0-9a-z.]+]] = load volatile ptr, ptr
// CHECK-NOT: __syncsan_queue_begin
// CHECK: call i32 %[[FP]](
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_CLOSE]],
// CHECK-NEXT: call void @bq_close(
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 0)
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @[[D_FREE]],
// CHECK-NEXT: call void @bq_free(
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 0)
// CHECK: ret i32
int user(unsigned cap, int fd) {
  struct bq *q = bq_new(cap);
  int r = bq_push(q, 1);
  int v;
  r += bq_pop(q, &v);
  r += bq_try_push(q, 2);
  r += bq_take(q) != 0;
  r += (int)fdq_send(3, fd);
  r += ring_init(&g_ring);
  r += ring_put(&g_ring, 5);
  int (*volatile fp)(struct bq *, int) = bq_push;
  r += fp(q, 4);
  bq_close(q);
  bq_free(q);
  return r;
}

// A declared function's own calls of the others are not wrapped.
// CHECK-LABEL: define {{.*}}i32 @ring_put(
// CHECK-NOT: __syncsan_queue
// CHECK: ret i32
int ring_put(struct ring *r, int v) {
  if (r->tail - r->head == 4)
    return -1;
  r->buf[r->tail++ % 4] = v;
  return fdq_send(1, 0) < 0;
}

// A musttail call: nothing may come between it and the return.
// CHECK-LABEL: define {{.*}}i32 @tail_push(
// CHECK-NOT: __syncsan_queue
// CHECK: musttail call i32 @bq_push(
int tail_push(struct bq *q, int v) {
  __attribute__((musttail)) return bq_push(q, v);
}
