; In an executable's code, a blocking acquire and a release become the
; runtime's fast path in line, with the hook call as the slow branch
; (<syncsan/abi_fast.h>); code that may go into a shared library, another
; target, and the option keep the plain hook calls.
; RUN: %opt -syncsan-lock-wrappers=0 -passes=syncsan -S %s | FileCheck %s
; RUN: %opt -syncsan-lock-wrappers=0 -syncsan-inline-fast-path=0 -passes=syncsan -S %s | FileCheck %s --check-prefix=OFF
; RUN: sed -e 's/"PIE Level", i32 2/"PIE Level", i32 0/' %s | %opt -syncsan-lock-wrappers=0 -passes=syncsan -S | FileCheck %s --check-prefix=OFF
; RUN: sed -e 's/x86_64-pc-linux-gnu/aarch64-unknown-linux-gnu/' %s | %opt -syncsan-lock-wrappers=0 -passes=syncsan -S | FileCheck %s --check-prefix=OFF
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@m = global [40 x i8] zeroinitializer, align 8
@rw = global [56 x i8] zeroinitializer, align 8

; The runtime's state, by the layout's versioned names.
; CHECK-DAG: @__syncsan_fast_v1_locks = external hidden thread_local(initialexec) global
; CHECK-DAG: @__syncsan_fast_v1_core = external hidden thread_local(initialexec) global
; CHECK-DAG: @__syncsan_fast_v1_real = external hidden global [9 x ptr]
; CHECK-DAG: @__syncsan_fast_v1_epochs = external hidden global [256 x i32]

define i32 @lock_pair() {
entry:
; CHECK-LABEL: define i32 @lock_pair(
; The gate: nothing held, fast_off 0, outside the runtime; then the class
; cache entry and its epoch.
; CHECK: [[LOCKS:%[0-9a-z.]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__syncsan_fast_v1_locks)
; CHECK: load i32, ptr [[LOCKS]]
; CHECK: load atomic i32, ptr {{%[0-9a-z.]+}} acquire
; CHECK: br i1 {{%[0-9a-z.]+}}, label %syncsan.fast, label %syncsan.fast.hook
; CHECK: syncsan.fast:
; The wait marker, then the real pthread_mutex_lock through the runtime's
; table (<syncsan/abi_fast.h>: entry 0).
; CHECK: store atomic i64 ptrtoint (ptr @m to i64), ptr {{%[0-9a-z.]+}} release
; CHECK: [[REAL:%[0-9a-z.]+]] = load ptr, ptr @__syncsan_fast_v1_real, align 8
; CHECK: [[RC:%[0-9a-z.]+]] = call i32 [[REAL]](ptr @m)
; CHECK: store atomic i64 0, ptr {{%[0-9a-z.]+}} monotonic
; CHECK: syncsan.fast.push:
; The push is a runtime region; the entry's address, then nheld = 1.
; CHECK: fence syncscope("singlethread") seq_cst
; CHECK: store atomic i64 ptrtoint (ptr @m to i64), ptr {{%[0-9a-z.]+}} monotonic
; CHECK: store atomic i32 1, ptr [[LOCKS]] release
; CHECK: fence syncscope("singlethread") seq_cst
; CHECK: syncsan.fast.end:
; CHECK: call i32 @__syncsan_fast_v1_lock_end(ptr @m, i32 [[RC]], ptr @syncsan.site
; CHECK: syncsan.fast.hook:
; CHECK-NEXT: call i32 @__syncsan_pthread_mutex_lock(ptr @m, ptr @syncsan.site
; CHECK: syncsan.fast.join:
; CHECK-NEXT: %r1 = phi i32
; The release: the innermost entry, popped, then the real unlock.
; CHECK: store atomic i64 0, ptr {{%[0-9a-z.]+}} monotonic
; CHECK: store atomic i32 {{%[0-9a-z.]+}}, ptr {{%[0-9a-z.]+}} release
; CHECK: load ptr, ptr getelementptr (i8, ptr @__syncsan_fast_v1_real, i64 8)
; CHECK: call i32 @__syncsan_pthread_mutex_unlock(ptr @m, ptr @syncsan.site
; CHECK: %r2 = phi i32
; A read lock marks its wait as a read (bit 1).
; CHECK: or i64 ptrtoint (ptr @rw to i64), 2
; CHECK: call i32 @__syncsan_pthread_rwlock_rdlock(ptr @rw, ptr @syncsan.site
; CHECK: %r3 = phi i32 {{.*$}}
; A trylock has no in-line path.
; CHECK-NEXT: %r4 = call i32 @__syncsan_pthread_mutex_trylock(ptr @m, ptr @syncsan.site
; CHECK: ret i32
; OFF-LABEL: define i32 @lock_pair(
; OFF-NOT: syncsan_fast
; OFF: call i32 @__syncsan_pthread_mutex_lock(ptr @m
; OFF-NOT: syncsan_fast
; OFF: ret i32
  %r1 = call i32 @pthread_mutex_lock(ptr @m)
  %r2 = call i32 @pthread_mutex_unlock(ptr @m)
  %r3 = call i32 @pthread_rwlock_rdlock(ptr @rw)
  %r4 = call i32 @pthread_mutex_trylock(ptr @m)
  %s = add i32 %r1, %r2
  %t = add i32 %s, %r3
  %u = add i32 %t, %r4
  ret i32 %u
}

declare i32 @pthread_mutex_lock(ptr)
declare i32 @pthread_mutex_unlock(ptr)
declare i32 @pthread_mutex_trylock(ptr)
declare i32 @pthread_rwlock_rdlock(ptr)

!llvm.module.flags = !{!0, !1}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 7, !"PIE Level", i32 2}
