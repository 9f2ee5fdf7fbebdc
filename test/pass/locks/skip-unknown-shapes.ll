; Calls the pass must leave alone: a program's own function named like a
; library one, a call whose signature is not the library's, an indirect
; call, and code without any synchronisation. None may be rewritten or
; crash the pass.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s

; A definition, not the C library's declaration: the program keeps its own.
define i32 @pthread_mutex_lock(ptr %m) {
  ret i32 0
}

; CHECK-LABEL: define i32 @own_definition(
; CHECK-NEXT: call i32 @pthread_mutex_lock(ptr %m)
define i32 @own_definition(ptr %m) {
  %r = call i32 @pthread_mutex_lock(ptr %m)
  ret i32 %r
}

; A K&R-style call with an extra argument: not the signature the hook has.
; CHECK-LABEL: define void @wrong_signature(
; CHECK-NEXT: call i32 (...) @pthread_mutex_unlock(ptr %m, i32 7)
declare i32 @pthread_mutex_unlock(...)
define void @wrong_signature(ptr %m) {
  call i32 (...) @pthread_mutex_unlock(ptr %m, i32 7)
  ret void
}

; Through a function pointer: not visible statically, left as is.
; CHECK-LABEL: define i32 @indirect(
; CHECK-NEXT: %r = call i32 %fp(ptr %m)
define i32 @indirect(ptr %fp, ptr %m) {
  %r = call i32 %fp(ptr %m)
  ret i32 %r
}

; CHECK-LABEL: define i32 @plain(
; CHECK-NEXT: %s = add i32 %a, %b
; CHECK-NEXT: ret i32 %s
define i32 @plain(i32 %a, i32 %b) {
  %s = add i32 %a, %b
  ret i32 %s
}
; CHECK-NOT: __syncsan_pthread
