; The built-in queues' rows in the rewrite table: shapes no lock row has.
; g_async_queue_new takes nothing (p:) and its handle is its result, so
; its site names no object; mq_timedsend takes five parameters (i:iplip),
; mq_receive returns a ssize_t (l:iplp), and the descriptor, an int,
; names no object either; g_async_queue_timeout_pop takes a guint64
; (p:pl). Each call becomes its hook with the site appended, the sites
; recording the queue operation (51 create, 52 send, 53 receive, 54
; close). Calls of another shape (an int where the descriptor is, a
; missing argument) are left alone, and -syncsan-instrument-queues=0
; leaves them all.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s
; RUN: %opt -passes=syncsan -syncsan-instrument-queues=0 -S %s | FileCheck %s --check-prefix=OFF

@g_jobs = global ptr null, align 8

; CHECK-DAG: [[NEW:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 0, i32 0, i32 51, i32 1 }
; CHECK-DAG: [[TSEND:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 0, i32 0, i32 52, i32 1 }
; CHECK-DAG: [[RECV:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 0, i32 0, i32 53, i32 1 }
; CHECK-DAG: [[CLOSE:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 0, i32 0, i32 54, i32 1 }

; CHECK-LABEL: define void @library_shapes(
; CHECK-NEXT: %q = call ptr @__syncsan_g_async_queue_new(ptr [[NEW]])
; CHECK-NEXT: store ptr %q, ptr @g_jobs
; CHECK-NEXT: %a = call i32 @__syncsan_mq_timedsend(i32 %mq, ptr %msg, i64 4, i32 0, ptr %ts, ptr [[TSEND]])
; CHECK-NEXT: %b = call i64 @__syncsan_mq_receive(i32 %mq, ptr %msg, i64 8, ptr null, ptr [[RECV]])
; CHECK-NEXT: %c = call ptr @__syncsan_g_async_queue_timeout_pop(ptr %q, i64 1000, ptr @{{syncsan.site[.0-9]*}})
; CHECK-NEXT: %d = call i32 @__syncsan_mq_close(i32 %mq, ptr [[CLOSE]])
; CHECK-NEXT: ret void
; OFF-LABEL: define void @library_shapes(
; OFF-NEXT: %q = call ptr @g_async_queue_new()
; OFF: %a = call i32 @mq_timedsend(
; OFF: %d = call i32 @mq_close(i32 %mq)
define void @library_shapes(i32 %mq, ptr %msg, ptr %ts) {
  %q = call ptr @g_async_queue_new()
  store ptr %q, ptr @g_jobs
  %a = call i32 @mq_timedsend(i32 %mq, ptr %msg, i64 4, i32 0, ptr %ts)
  %b = call i64 @mq_receive(i32 %mq, ptr %msg, i64 8, ptr null)
  %c = call ptr @g_async_queue_timeout_pop(ptr %q, i64 1000)
  %d = call i32 @mq_close(i32 %mq)
  ret void
}

; CHECK-LABEL: define void @wrong_shapes(
; CHECK-NEXT: %a = call i32 {{.*}}@mq_timedsend(i32 %mq, ptr %msg, i64 4, i32 0)
; CHECK-NEXT: %b = call ptr {{.*}}@g_async_queue_new(ptr %msg)
; CHECK-NEXT: ret void
define void @wrong_shapes(i32 %mq, ptr %msg) {
  %a = call i32 (i32, ptr, i64, i32, ...) @mq_timedsend(i32 %mq, ptr %msg, i64 4, i32 0)
  %b = call ptr (ptr, ...) @g_async_queue_new(ptr %msg)
  ret void
}

; CHECK-DAG: declare ptr @__syncsan_g_async_queue_new(ptr)
; CHECK-DAG: declare i32 @__syncsan_mq_timedsend(i32, ptr, i64, i32, ptr, ptr)
; CHECK-DAG: declare i64 @__syncsan_mq_receive(i32, ptr, i64, ptr, ptr)

declare ptr @g_async_queue_new()
declare i32 @mq_timedsend(i32, ptr, i64, i32, ptr)
declare i64 @mq_receive(i32, ptr, i64, ptr)
declare ptr @g_async_queue_timeout_pop(ptr, i64)
declare i32 @mq_close(i32)
