; Every use of an intercepted library function that is not the callee of a
; call becomes the runtime's entry for its row, __syncsan_indirect_<name>,
; declared with the function's own signature: a lock-ops table's
; initialiser, a constant expression, a stored, passed, selected or compared
; function pointer. Direct calls keep their own hooks and sites. A
; program's own definition, a declaration of another shape and a group that
; is switched off keep the function.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s
; RUN: %opt -passes=syncsan -syncsan-instrument-threads=0 -S %s | FileCheck %s --check-prefix=NOTHREADS

%struct.lock_ops = type { ptr, ptr }

; CHECK: @ops = global %struct.lock_ops { ptr @__syncsan_indirect_pthread_mutex_lock, ptr @__syncsan_indirect_pthread_mutex_unlock }
@ops = global %struct.lock_ops { ptr @pthread_mutex_lock, ptr @pthread_mutex_unlock }
; CHECK: @const_ops = internal constant [2 x ptr] [ptr @__syncsan_indirect_mtx_lock, ptr @__syncsan_indirect_mtx_unlock]
@const_ops = internal constant [2 x ptr] [ptr @mtx_lock, ptr @mtx_unlock]
; A C++ member-function pointer holds the address as an integer.
; CHECK: @notify = global { i64, i64 } { i64 ptrtoint (ptr @__syncsan_indirect__ZNSt18condition_variable10notify_oneEv to i64), i64 0 }
@notify = global { i64, i64 } { i64 ptrtoint (ptr @_ZNSt18condition_variable10notify_oneEv to i64), i64 0 }
; CHECK: @spawn = global ptr @__syncsan_indirect_pthread_create
; NOTHREADS: @spawn = global ptr @pthread_create
@spawn = global ptr @pthread_create
; The program's own pthread_spin_lock, and a declaration that is not the
; library's shape: both kept.
; CHECK: @own = global ptr @pthread_spin_lock
@own = global ptr @pthread_spin_lock
; CHECK: @odd = global ptr @pthread_spin_unlock
@odd = global ptr @pthread_spin_unlock

declare i32 @pthread_mutex_lock(ptr)
declare i32 @pthread_mutex_unlock(...)
declare i32 @mtx_lock(ptr)
declare i32 @mtx_unlock(ptr)
declare void @_ZNSt18condition_variable10notify_oneEv(ptr)
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
declare i64 @pthread_spin_unlock(ptr, i64)
declare void @register(ptr)

define i32 @pthread_spin_lock(ptr %s) {
  ret i32 0
}

; CHECK-LABEL: define i32 @uses(
; CHECK-NEXT: store ptr @__syncsan_indirect_pthread_mutex_lock, ptr %slot
; CHECK-NEXT: call void @register(ptr @__syncsan_indirect_pthread_mutex_unlock)
; CHECK-NEXT: %fp = select i1 %c, ptr @__syncsan_indirect_mtx_lock, ptr @__syncsan_indirect_pthread_mutex_lock
; CHECK-NEXT: %same = icmp eq ptr %fp, @__syncsan_indirect_pthread_mutex_lock
; CHECK-NEXT: %r = call i32 %fp(ptr %m)
; The direct calls, K&R or not, keep their hooks.
; CHECK-NEXT: %d = call i32 @__syncsan_pthread_mutex_lock(ptr %m, ptr @syncsan.site
; CHECK-NEXT: %u = call i32 @__syncsan_pthread_mutex_unlock(ptr %m, ptr @syncsan.site
define i32 @uses(ptr %slot, ptr %m, i1 %c) {
  store ptr @pthread_mutex_lock, ptr %slot
  call void @register(ptr @pthread_mutex_unlock)
  %fp = select i1 %c, ptr @mtx_lock, ptr @pthread_mutex_lock
  %same = icmp eq ptr %fp, @pthread_mutex_lock
  %r = call i32 %fp(ptr %m)
  %d = call i32 @pthread_mutex_lock(ptr %m)
  %u = call i32 (ptr, ...) @pthread_mutex_unlock(ptr %m)
  ret i32 %r
}

; A call that passes the function to itself: the argument is a use of its
; address, the callee is not.
; CHECK-LABEL: define void @self(
; CHECK-NEXT: %r = call i32 @__syncsan_pthread_mutex_lock(ptr @__syncsan_indirect_pthread_mutex_lock, ptr @syncsan.site
define void @self() {
  %r = call i32 @pthread_mutex_lock(ptr @pthread_mutex_lock)
  ret void
}

; The entries have the rows' fixed signatures (a K&R declaration's too).
; CHECK-DAG: declare i32 @__syncsan_indirect_pthread_mutex_lock(ptr)
; CHECK-DAG: declare i32 @__syncsan_indirect_pthread_mutex_unlock(ptr)
; CHECK-DAG: declare i32 @__syncsan_indirect_mtx_lock(ptr)
; CHECK-DAG: declare void @__syncsan_indirect__ZNSt18condition_variable10notify_oneEv(ptr)
; CHECK-DAG: declare i32 @__syncsan_indirect_pthread_create(ptr, ptr, ptr, ptr)
; CHECK-NOT: __syncsan_indirect_pthread_spin
; NOTHREADS-NOT: __syncsan_indirect_pthread_create
