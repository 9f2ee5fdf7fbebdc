; The rewrite table is generated from <syncsan/intercept.h>, its signature
; codes computed from each row's C types. For one row of each distinct shape
; (i:pip, i:ppip, v:p, i:ppp, i:pppp) a call of the library's shape becomes
; its __syncsan_ hook with the site appended; the site records the row's
; operation and names the object the row's handle designates (argument 0:
; the lock or the thread, not the mutex a condition variable waits with).
; A call of the same function with one argument too few or too many is
; left alone.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s

@g_mutex = global [40 x i8] zeroinitializer, align 8
@g_cond = global [48 x i8] zeroinitializer, align 8
@g_mtx = global [40 x i8] zeroinitializer, align 8
@g_thread = global i64 0, align 8

; CHECK-DAG: [[MUTEX:@syncsan.str[.0-9]*]] = private unnamed_addr constant [8 x i8] c"g_mutex\00"
; CHECK-DAG: [[COND:@syncsan.str[.0-9]*]] = private unnamed_addr constant [7 x i8] c"g_cond\00"
; CHECK-DAG: [[MTX:@syncsan.str[.0-9]*]] = private unnamed_addr constant [6 x i8] c"g_mtx\00"
; CHECK-DAG: [[THREAD:@syncsan.str[.0-9]*]] = private unnamed_addr constant [9 x i8] c"g_thread\00"
; CHECK-DAG: [[CLOCKLOCK:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr [[MUTEX]], i32 0, i32 0, i32 57, i32 1 }
; CHECK-DAG: [[CLOCKWAIT:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr [[COND]], i32 0, i32 0, i32 60, i32 1 }
; CHECK-DAG: [[DESTROY:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr [[MTX]], i32 0, i32 0, i32 22, i32 1 }
; CHECK-DAG: [[THRD:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr [[THREAD]], i32 0, i32 0, i32 44, i32 1 }
; CHECK-DAG: [[PCREATE:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr [[THREAD]], i32 0, i32 0, i32 42, i32 1 }

; CHECK-LABEL: define void @library_shapes(
; CHECK-NEXT: %a = call i32 @__syncsan_pthread_mutex_clocklock(ptr @g_mutex, i32 %clk, ptr %ts, ptr [[CLOCKLOCK]])
; CHECK-NEXT: %b = call i32 @__syncsan_pthread_cond_clockwait(ptr @g_cond, ptr @g_mutex, i32 %clk, ptr %ts, ptr [[CLOCKWAIT]])
; CHECK-NEXT: call void @__syncsan_mtx_destroy(ptr @g_mtx, ptr [[DESTROY]])
; CHECK-NEXT: %c = call i32 @__syncsan_thrd_create(ptr @g_thread, ptr @cstart, ptr %arg, ptr [[THRD]])
; CHECK-NEXT: %d = call i32 @__syncsan_pthread_create(ptr @g_thread, ptr null, ptr @start, ptr %arg, ptr [[PCREATE]])
; CHECK-NEXT: ret void
define void @library_shapes(i32 %clk, ptr %ts, ptr %arg) {
  %a = call i32 @pthread_mutex_clocklock(ptr @g_mutex, i32 %clk, ptr %ts)
  %b = call i32 @pthread_cond_clockwait(ptr @g_cond, ptr @g_mutex, i32 %clk, ptr %ts)
  call void @mtx_destroy(ptr @g_mtx)
  %c = call i32 @thrd_create(ptr @g_thread, ptr @cstart, ptr %arg)
  %d = call i32 @pthread_create(ptr @g_thread, ptr null, ptr @start, ptr %arg)
  ret void
}

; The same functions called with one argument too few and one too many.
; CHECK-LABEL: define void @wrong_arity(
; CHECK-NEXT: %a = call i32 @pthread_mutex_clocklock(ptr @g_mutex, i32 %clk)
; CHECK-NEXT: %b = call i32 @pthread_mutex_clocklock(ptr @g_mutex, i32 %clk, ptr %ts, ptr %ts)
; CHECK-NEXT: %c = call i32 @pthread_cond_clockwait(ptr @g_cond, ptr @g_mutex, i32 %clk)
; CHECK-NEXT: %d = call i32 @pthread_cond_clockwait(ptr @g_cond, ptr @g_mutex, i32 %clk, ptr %ts, ptr %ts)
; CHECK-NEXT: call void @mtx_destroy()
; CHECK-NEXT: call void @mtx_destroy(ptr @g_mtx, ptr @g_mtx)
; CHECK-NEXT: %e = call i32 @thrd_create(ptr @g_thread, ptr @cstart)
; CHECK-NEXT: %f = call i32 @thrd_create(ptr @g_thread, ptr @cstart, ptr %arg, ptr %arg)
; CHECK-NEXT: %g = call i32 @pthread_create(ptr @g_thread, ptr null, ptr @start)
; CHECK-NEXT: %h = call i32 @pthread_create(ptr @g_thread, ptr null, ptr @start, ptr %arg, ptr %arg)
; CHECK-NEXT: ret void
define void @wrong_arity(i32 %clk, ptr %ts, ptr %arg) {
  %a = call i32 @pthread_mutex_clocklock(ptr @g_mutex, i32 %clk)
  %b = call i32 @pthread_mutex_clocklock(ptr @g_mutex, i32 %clk, ptr %ts, ptr %ts)
  %c = call i32 @pthread_cond_clockwait(ptr @g_cond, ptr @g_mutex, i32 %clk)
  %d = call i32 @pthread_cond_clockwait(ptr @g_cond, ptr @g_mutex, i32 %clk, ptr %ts, ptr %ts)
  call void @mtx_destroy()
  call void @mtx_destroy(ptr @g_mtx, ptr @g_mtx)
  %e = call i32 @thrd_create(ptr @g_thread, ptr @cstart)
  %f = call i32 @thrd_create(ptr @g_thread, ptr @cstart, ptr %arg, ptr %arg)
  %g = call i32 @pthread_create(ptr @g_thread, ptr null, ptr @start)
  %h = call i32 @pthread_create(ptr @g_thread, ptr null, ptr @start, ptr %arg, ptr %arg)
  ret void
}

; Each hook takes the function's parameters, then the site.
; CHECK-DAG: declare i32 @__syncsan_pthread_mutex_clocklock(ptr, i32, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_clockwait(ptr, ptr, i32, ptr, ptr)
; CHECK-DAG: declare void @__syncsan_mtx_destroy(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_thrd_create(ptr, ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_create(ptr, ptr, ptr, ptr, ptr)

define ptr @start(ptr %p) {
  ret ptr %p
}
define i32 @cstart(ptr %p) {
  ret i32 0
}

declare i32 @pthread_mutex_clocklock(ptr, i32, ptr)
declare i32 @pthread_cond_clockwait(ptr, ptr, i32, ptr)
declare void @mtx_destroy(ptr)
declare i32 @thrd_create(ptr, ptr, ptr)
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
