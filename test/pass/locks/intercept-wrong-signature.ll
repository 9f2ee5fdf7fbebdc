; Calls of the lock-kind functions whose shape is not the C library's are
; left alone: a wrong integer width, a wrong return type, a missing or extra
; argument, a variadic (K&R) call whose arguments are not the function's
; (knr-calls.ll has the ones that are), and a program's own definition of a
; library name. None may be rewritten, and the pass must not crash.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s

declare i32 @pthread_spin_init(ptr, i64)
declare i32 @mtx_destroy(ptr)
declare void @pthread_cond_wait(ptr)
declare i32 @pthread_rwlock_clockrdlock(ptr, ptr, ptr)
declare void @_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(ptr)
declare i32 @cnd_timedwait(...)
declare i64 @pthread_rwlock_unlock(ptr)

; The program's own pthread_rwlock_rdlock: a definition, kept as it is.
define i32 @pthread_rwlock_rdlock(ptr %rw) {
  ret i32 0
}

define void @shapes(ptr %p, ptr %q, i64 %n) {
; CHECK-LABEL: define void @shapes(
; CHECK-NEXT: %a = call i32 @pthread_spin_init(ptr %p, i64 %n)
; CHECK-NEXT: %b = call i32 @mtx_destroy(ptr %p)
; CHECK-NEXT: call void @pthread_cond_wait(ptr %p)
; CHECK-NEXT: %c = call i32 @pthread_rwlock_clockrdlock(ptr %p, ptr %q, ptr %q)
; CHECK-NEXT: call void @_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(ptr %p)
; CHECK-NEXT: %d = call i32 (...) @cnd_timedwait(ptr %p, ptr %q)
; CHECK-NEXT: %e = call i64 @pthread_rwlock_unlock(ptr %p)
; CHECK-NEXT: %f = call i32 @pthread_rwlock_rdlock(ptr %p)
; CHECK-NEXT: ret void
  %a = call i32 @pthread_spin_init(ptr %p, i64 %n)
  %b = call i32 @mtx_destroy(ptr %p)
  call void @pthread_cond_wait(ptr %p)
  %c = call i32 @pthread_rwlock_clockrdlock(ptr %p, ptr %q, ptr %q)
  call void @_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(ptr %p)
  %d = call i32 (...) @cnd_timedwait(ptr %p, ptr %q)
  %e = call i64 @pthread_rwlock_unlock(ptr %p)
  %f = call i32 @pthread_rwlock_rdlock(ptr %p)
  ret void
}
; CHECK-NOT: __syncsan_pthread
; CHECK-NOT: __syncsan_mtx
; CHECK-NOT: __syncsan_cnd
; CHECK-NOT: __syncsan__Z
