; pthread_join, its GNU variants, thrd_join and std::thread::join become
; hooks: the thread's pthread_t (an i64) and the other arguments pass
; through.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s
; RUN: %opt -passes=syncsan -syncsan-instrument-threads=0 -S %s | FileCheck %s --check-prefix=OFF

; CHECK-LABEL: define i32 @reap(
; CHECK: call i32 @__syncsan_pthread_join(i64 %t, ptr %ret, ptr @syncsan.site
; CHECK: call i32 @__syncsan_pthread_tryjoin_np(i64 %t, ptr null, ptr @syncsan.site
; CHECK: call i32 @__syncsan_pthread_timedjoin_np(i64 %t, ptr null, ptr %ts, ptr @syncsan.site
; CHECK: call i32 @__syncsan_pthread_clockjoin_np(i64 %t, ptr null, i32 1, ptr %ts, ptr @syncsan.site
; CHECK: call i32 @__syncsan_thrd_join(i64 %t, ptr null, ptr @syncsan.site
; CHECK: call void @__syncsan__ZNSt6thread4joinEv(ptr %th, ptr @syncsan.site
; OFF-LABEL: define i32 @reap(
; OFF: call i32 @pthread_join(i64 %t, ptr %ret)
; OFF: call void @_ZNSt6thread4joinEv(ptr %th)
define i32 @reap(i64 %t, ptr %ret, ptr %ts, ptr %th) {
  %a = call i32 @pthread_join(i64 %t, ptr %ret)
  %b = call i32 @pthread_tryjoin_np(i64 %t, ptr null)
  %c = call i32 @pthread_timedjoin_np(i64 %t, ptr null, ptr %ts)
  %d = call i32 @pthread_clockjoin_np(i64 %t, ptr null, i32 1, ptr %ts)
  %e = call i32 @thrd_join(i64 %t, ptr null)
  call void @_ZNSt6thread4joinEv(ptr %th)
  %s1 = add i32 %a, %b
  %s2 = add i32 %c, %d
  %s3 = add i32 %s1, %s2
  %s = add i32 %s3, %e
  ret i32 %s
}

declare i32 @pthread_join(i64, ptr)
declare i32 @pthread_tryjoin_np(i64, ptr)
declare i32 @pthread_timedjoin_np(i64, ptr, ptr)
declare i32 @pthread_clockjoin_np(i64, ptr, i32, ptr)
declare i32 @thrd_join(i64, ptr)
declare void @_ZNSt6thread4joinEv(ptr)
