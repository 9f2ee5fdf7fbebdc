; A lock-typed global outside the default address space is left out of the
; table of lock globals: the table's address field is a generic pointer,
; and the global's own pointer type there made the table an invalid
; constant (a module that no longer parsed). Its lock operations are still
; rewritten; the lock is then known by address, like any lock reached
; through a pointer.
; RUN: %opt -passes=syncsan -S %s -o %t.ll
; RUN: opt -passes=verify -disable-output %t.ll
; RUN: FileCheck %s < %t.ll

%union.pthread_mutex_t = type { [40 x i8] }

@g_lock = global %union.pthread_mutex_t zeroinitializer, align 8
@far_lock = addrspace(1) global %union.pthread_mutex_t zeroinitializer, align 8

; CHECK: @syncsan.globals = private constant [1 x %syncsan.global] [%syncsan.global { ptr @g_lock, i64 40, ptr @syncsan.gname, i32 0, i32 0 }]

declare i32 @pthread_mutex_lock(ptr)

; CHECK-LABEL: define i32 @take_far(
; CHECK-NEXT: %p = addrspacecast ptr addrspace(1) @far_lock to ptr
; CHECK-NEXT: %r = call i32 @__syncsan_pthread_mutex_lock(ptr %p, ptr @syncsan.site
define i32 @take_far() {
  %p = addrspacecast ptr addrspace(1) @far_lock to ptr
  %r = call i32 @pthread_mutex_lock(ptr %p)
  ret i32 %r
}

define i32 @take_near() {
  %r = call i32 @pthread_mutex_lock(ptr @g_lock)
  ret i32 %r
}
