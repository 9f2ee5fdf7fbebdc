; A call through a K&R declaration (`int pthread_mutex_lock();`, C before
; C23) has a variadic IR type made of its promoted arguments, and used to be
; left alone: a lock taken that way was never seen, so an inversion through
; it was missed and pairs mixing such calls with prototyped ones gave false
; reports. Such a call is the library's when its arguments are the row's
; parameters, count and kinds; it becomes the hook with the row's fixed
; signature. Calls whose arguments do not fit stay as they are.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s

@m = global [40 x i8] zeroinitializer, align 8

declare i32 @pthread_mutex_lock(...)
declare i32 @pthread_mutex_unlock(...)
declare i32 @pthread_spin_init(...)
declare i32 @cnd_timedwait(...)
declare void @mtx_destroy(...)
declare i32 @pthread_create(...)
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define i32 @fits(
; CHECK-NEXT: %a = call i32 @__syncsan_pthread_mutex_lock(ptr @m, ptr @syncsan.site{{[.0-9]*}})
; CHECK-NEXT: %b = call i32 @__syncsan_pthread_spin_init(ptr %s, i32 0, ptr @syncsan.site{{[.0-9]*}})
; CHECK-NEXT: %c = call i32 @__syncsan_cnd_timedwait(ptr %p, ptr %q, ptr %q, ptr @syncsan.site{{[.0-9]*}})
; CHECK-NEXT: call void @__syncsan_mtx_destroy(ptr %q, ptr @syncsan.site{{[.0-9]*}})
; CHECK-NEXT: %t = call i32 @__syncsan_pthread_create(ptr %p, ptr null, ptr %q, ptr null, ptr @syncsan.site{{[.0-9]*}})
; CHECK-NEXT: %u = invoke i32 @__syncsan_pthread_mutex_unlock(ptr @m, ptr @syncsan.site{{[.0-9]*}})
; CHECK-NEXT: to label %ok unwind label %bad
define i32 @fits(ptr %s, ptr %p, ptr %q) personality ptr @__gxx_personality_v0 {
  %a = call i32 (ptr, ...) @pthread_mutex_lock(ptr @m)
  %b = call i32 (ptr, i32, ...) @pthread_spin_init(ptr %s, i32 0)
  %c = call i32 (...) @cnd_timedwait(ptr %p, ptr %q, ptr %q)
  call void (ptr, ...) @mtx_destroy(ptr %q)
  %t = call i32 (ptr, ptr, ptr, ptr, ...) @pthread_create(ptr %p, ptr null, ptr %q, ptr null)
  %u = invoke i32 (ptr, ...) @pthread_mutex_unlock(ptr @m)
          to label %ok unwind label %bad
ok:
  ret i32 %a
bad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; Arguments that are not the function's: one too many, one too few, a long
; where it takes an int, a pointer where it takes an int, a double, a
; pointer of another address space, a result of the wrong type.
; CHECK-LABEL: define void @misfits(
; CHECK-NEXT: %a = call i32 (ptr, i32, ...) @pthread_mutex_lock(ptr @m, i32 1)
; CHECK-NEXT: %b = call i32 (...) @pthread_mutex_unlock()
; CHECK-NEXT: %c = call i32 (ptr, i64, ...) @pthread_spin_init(ptr %s, i64 0)
; CHECK-NEXT: %d = call i32 (ptr, ptr, ...) @pthread_spin_init(ptr %s, ptr %s)
; CHECK-NEXT: %e = call i32 (ptr, double, ...) @pthread_spin_init(ptr %s, double 0.0{{.*}})
; CHECK-NEXT: %f = call i32 (ptr addrspace(1), ...) @pthread_mutex_lock(ptr addrspace(1) %far)
; CHECK-NEXT: %g = call i64 (ptr, ...) @pthread_mutex_lock(ptr @m)
; CHECK-NEXT: ret void
define void @misfits(ptr %s, ptr addrspace(1) %far) {
  %a = call i32 (ptr, i32, ...) @pthread_mutex_lock(ptr @m, i32 1)
  %b = call i32 (...) @pthread_mutex_unlock()
  %c = call i32 (ptr, i64, ...) @pthread_spin_init(ptr %s, i64 0)
  %d = call i32 (ptr, ptr, ...) @pthread_spin_init(ptr %s, ptr %s)
  %e = call i32 (ptr, double, ...) @pthread_spin_init(ptr %s, double 0.0)
  %f = call i32 (ptr addrspace(1), ...) @pthread_mutex_lock(ptr addrspace(1) %far)
  %g = call i64 (ptr, ...) @pthread_mutex_lock(ptr @m)
  ret void
}
; CHECK: declare i32 @__syncsan_pthread_mutex_lock(ptr, ptr)
; CHECK: declare i32 @__syncsan_pthread_spin_init(ptr, i32, ptr)
