// C++: a wrapped call that may throw is an invoke. Its normal edge gets
// end (through a block of its own, so that the landing pad's other users
// are unaffected) and its unwind edge __syncsan_queue_unwind, in a landing
// pad of its own split from the shared one: calls sharing a cleanup each
// release their own record. The timed form is an invoke to the same pad.
// RUN: %clang -x c++ -O0 -Xclang -disable-llvm-passes -g0 -fexceptions -fcxx-exceptions -I%srcroot/include -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes=syncsan-queues -S %t.ll | FileCheck %s
// RUN: %opt -passes=syncsan-queues -S %t.ll | %opt -passes=verify -disable-output
// RUN: %opt -passes='default<O2>' -S %t.ll -o /dev/null
#include <syncsan/syncsan.h>

struct bq;
extern "C" int bq_push_for(bq *q, int v, long ms);
extern "C" int bq_push(bq *q, int v) SYNCSAN_QUEUE("push blocking ok=zero timed=bq_push_for");
extern "C" int bq_pop(bq *q, int *v) SYNCSAN_QUEUE("pop blocking ok=zero");

struct Guard {
  ~Guard();
};

// The member function's descriptor (below) names it demangled.
// CHECK-DAG: @syncsan.queue_desc._ZN4Ring3putEi = private constant %syncsan.queue_desc { ptr @[[N_PUT:syncsan.qstr[.0-9]*]],
// CHECK-DAG: @[[N_PUT]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"Ring::put(int)\00"

// CHECK-LABEL: define {{.*}}i32 @_Z4pumpP2bq(
// The pop: plain invoke.
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C:syncsan.qcall]], ptr @syncsan.queue_desc.bq_pop,
// CHECK-NEXT: %[[R:[0-9a-z.]+]] = invoke i32 @bq_pop(
// CHECK-NEXT: to label %[[DONE:syncsan.qdone[0-9]*]] unwind label %[[LP:[0-9a-z.]+syncsan.q[0-9]*]]
// CHECK: [[DONE]]:
// CHECK-NEXT: %[[RI:[0-9a-z.]+]] = sext i32 %[[R]] to i64
// CHECK-NEXT: call void @__syncsan_queue_end(ptr %[[C]], i64 %[[RI]])
// CHECK-NEXT: br label
// The push: timed, both invokes unwinding to its own pad.
// CHECK: call i32 @__syncsan_queue_begin(ptr %[[C]], ptr @syncsan.queue_desc.bq_push,
// CHECK: invoke i32 @bq_push(
// CHECK-NEXT: to label %[[DONE2:syncsan.qdone[0-9]*]] unwind label %[[LP2:[0-9a-z.-]+]]
// CHECK: invoke i32 @bq_push_for(
// CHECK-NEXT: to label %[[AGAIN:syncsan.qagain[0-9]*]] unwind label %[[LP2]]
// CHECK: [[AGAIN]]:
// CHECK: call i32 @__syncsan_queue_timed_again(ptr %[[C]],
// CHECK: [[DONE2]]:
// CHECK-NEXT: phi i32
// CHECK: call void @__syncsan_queue_end(ptr %[[C]],
// CHECK: [[LP]]:
// CHECK-NEXT: landingpad { ptr, i32 }
// CHECK-NEXT: cleanup
// CHECK-NEXT: call void @__syncsan_queue_unwind(ptr %[[C]])
// CHECK: [[LP2]]:
// CHECK-NEXT: landingpad { ptr, i32 }
// CHECK-NEXT: cleanup
// CHECK-NEXT: call void @__syncsan_queue_unwind(ptr %[[C]])
int pump(bq *q) {
  Guard g;
  int v = 0;
  int r = bq_pop(q, &v);
  r += bq_push(q, v);
  return r;
}

// A member function: handle=0 is `this`, the descriptor names it demangled.
// Called from a noexcept function, it is an invoke to a terminate pad,
// which gets the unwind call too.
struct Ring {
  int put(int v) SYNCSAN_QUEUE("push ok=zero");
};
// CHECK-LABEL: define {{.*}}i32 @_Z6memberR4Ring(
// CHECK: call i32 @__syncsan_queue_begin(ptr %{{.*}}, ptr @syncsan.queue_desc._ZN4Ring3putEi, ptr %[[THIS:[0-9a-z.]+]],
// CHECK-NEXT: invoke noundef i32 @_ZN4Ring3putEi(ptr noundef nonnull align 1 dereferenceable(1) %[[THIS]], i32 noundef 1)
// CHECK-NEXT: to label %{{.*}} unwind label %[[TERM:[0-9a-z.]+]]
// CHECK: [[TERM]]:
// CHECK-NEXT: landingpad { ptr, i32 }
// CHECK-NEXT: catch ptr null
// CHECK-NEXT: call void @__syncsan_queue_unwind(
int member(Ring &r) noexcept { return r.put(1); }
