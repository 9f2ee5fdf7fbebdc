; C++ code can call a lock function with invoke (inside a try region); the
; hook is invoked with the same normal and unwind destinations. Without
; debug info the site names the function (demangled) and the module's file,
; with line 0 and the no-debug-info flag.
; Its functions only forward their parameters to lock operations, so they are
; lock wrappers (lock-wrappers-*.ll); recognition is off to see the bare rewrite.
; RUN: %opt -syncsan-lock-wrappers=0 -passes=syncsan -S %s | FileCheck %s

source_filename = "src/lockers.cpp"

; CHECK-DAG: [[FILE:@syncsan.str[.0-9]*]] = private unnamed_addr constant [16 x i8] c"src/lockers.cpp\00"
; CHECK-DAG: [[FN:@syncsan.str[.0-9]*]] = private unnamed_addr constant [18 x i8] c"Locker::take(int)\00"
; CHECK-DAG: [[SITE:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr [[FILE]], ptr [[FN]], ptr null, i32 0, i32 0, i32 3, i32 1 }

; CHECK-LABEL: define i32 @_ZN6Locker4takeEi(
; CHECK: %r = invoke i32 @__syncsan_pthread_mutex_lock(ptr %m, ptr [[SITE]])
; CHECK-NEXT: to label %ok unwind label %bad
define i32 @_ZN6Locker4takeEi(ptr %m, i32 %n) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i32 @pthread_mutex_lock(ptr %m)
          to label %ok unwind label %bad
ok:
  ret i32 %r
bad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

declare i32 @pthread_mutex_lock(ptr)
declare i32 @__gxx_personality_v0(...)
