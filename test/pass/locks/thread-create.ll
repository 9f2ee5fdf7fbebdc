; pthread_create and thrd_create become hooks that register the new thread
; with its creation site; the start routine and argument pass through.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s
; RUN: %opt -passes=syncsan -syncsan-instrument-threads=0 -S %s | FileCheck %s --check-prefix=OFF

; CHECK-LABEL: define i32 @spawn(
; CHECK: call i32 @__syncsan_pthread_create(ptr %t, ptr null, ptr @start, ptr %arg, ptr @syncsan.site
; CHECK: call i32 @__syncsan_thrd_create(ptr %t, ptr @cstart, ptr %arg, ptr @syncsan.site
; OFF-LABEL: define i32 @spawn(
; OFF: call i32 @pthread_create(ptr %t, ptr null, ptr @start, ptr %arg)
; OFF: call i32 @thrd_create(ptr %t, ptr @cstart, ptr %arg)
define i32 @spawn(ptr %t, ptr %arg) {
  %a = call i32 @pthread_create(ptr %t, ptr null, ptr @start, ptr %arg)
  %b = call i32 @thrd_create(ptr %t, ptr @cstart, ptr %arg)
  %s = add i32 %a, %b
  ret i32 %s
}

define ptr @start(ptr %p) {
  ret ptr %p
}
define i32 @cstart(ptr %p) {
  ret i32 0
}

declare i32 @pthread_create(ptr, ptr, ptr, ptr)
declare i32 @thrd_create(ptr, ptr, ptr)
