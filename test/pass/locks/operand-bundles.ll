; Operand bundles belong to the call site: the hook's call keeps them (a
; deopt state dropped from a call is a miscompile for the runtimes that
; use it), for calls and invokes alike.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s

declare i32 @pthread_mutex_lock(ptr)
declare i32 @pthread_mutex_unlock(ptr)
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define i32 @with_state(
; CHECK-NEXT: %r = call i32 @__syncsan_pthread_mutex_lock(ptr %m, ptr @syncsan.site{{[.0-9]*}}) [ "deopt"(i32 7, ptr %m) ]
; CHECK-NEXT: %u = invoke i32 @__syncsan_pthread_mutex_unlock(ptr %m, ptr @syncsan.site{{[.0-9]*}}) [ "deopt"(i32 8) ]
; CHECK-NEXT: to label %ok unwind label %bad
define i32 @with_state(ptr %m) personality ptr @__gxx_personality_v0 {
  %r = call i32 @pthread_mutex_lock(ptr %m) [ "deopt"(i32 7, ptr %m) ]
  %u = invoke i32 @pthread_mutex_unlock(ptr %m) [ "deopt"(i32 8) ]
          to label %ok unwind label %bad
ok:
  ret i32 %r
bad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}
