; The pass rewrites every pthread_mutex_* call into its __syncsan_ hook with
; the same arguments plus a constant site record, and changes nothing else.
; Its functions only forward their parameters to lock operations, so they are
; lock wrappers (lock-wrappers-*.ll); recognition is off to see the bare rewrite.
; RUN: %opt -syncsan-lock-wrappers=0 -passes=syncsan -S %s | FileCheck %s

@g_lock = global [40 x i8] zeroinitializer, align 8
@counter = global i32 0, align 4

; The site records: file, function, object, line, column, op, flags.
; CHECK-DAG: [[FILE:@syncsan.str[.0-9]*]] = private unnamed_addr constant [8 x i8] c"mutex.c\00", align 1
; CHECK-DAG: [[FN:@syncsan.str[.0-9]*]] = private unnamed_addr constant [7 x i8] c"worker\00", align 1
; CHECK-DAG: [[OBJ:@syncsan.str[.0-9]*]] = private unnamed_addr constant [7 x i8] c"g_lock\00", align 1
; CHECK-DAG: [[LOCK:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr [[FILE]], ptr [[FN]], ptr [[OBJ]], i32 12, i32 3, i32 3, i32 0 }
; CHECK-DAG: [[UNLOCK:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr [[FILE]], ptr [[FN]], ptr [[OBJ]], i32 14, i32 3, i32 6, i32 0 }
; CHECK-DAG: [[TRY:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr [[FILE]], ptr [[FN]], ptr null, i32 20, i32 7, i32 4, i32 0 }
; The constructor that initialises the runtime with the ABI version.
; CHECK-DAG: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 0, ptr @syncsan.module_ctor, ptr null }]

define void @worker(ptr %m) !dbg !5 {
entry:
; CHECK-LABEL: define void @worker(
; CHECK-NEXT: entry:
; CHECK-NEXT: %r1 = call i32 @__syncsan_pthread_mutex_lock(ptr @g_lock, ptr [[LOCK]]), !dbg
; CHECK-NEXT: %v = load i32, ptr @counter, align 4
; CHECK-NEXT: %v1 = add i32 %v, 1
; CHECK-NEXT: store i32 %v1, ptr @counter, align 4
; CHECK-NEXT: %r2 = call i32 @__syncsan_pthread_mutex_unlock(ptr @g_lock, ptr [[UNLOCK]]), !dbg
; CHECK-NEXT: %r3 = call i32 @__syncsan_pthread_mutex_trylock(ptr %m, ptr [[TRY]]), !dbg
; CHECK-NEXT: ret void
  %r1 = call i32 @pthread_mutex_lock(ptr @g_lock), !dbg !8
  %v = load i32, ptr @counter, align 4
  %v1 = add i32 %v, 1
  store i32 %v1, ptr @counter, align 4
  %r2 = call i32 @pthread_mutex_unlock(ptr @g_lock), !dbg !9
  %r3 = call i32 @pthread_mutex_trylock(ptr %m), !dbg !10
  ret void
}

; init, destroy and timedlock keep all their arguments.
define i32 @lifecycle(ptr %m, ptr %attr, ptr %ts) {
; CHECK-LABEL: define i32 @lifecycle(
; CHECK: %a = call i32 @__syncsan_pthread_mutex_init(ptr %m, ptr %attr, ptr @syncsan.site
; CHECK: %b = call i32 @__syncsan_pthread_mutex_timedlock(ptr %m, ptr %ts, ptr @syncsan.site
; CHECK: %c = call i32 @__syncsan_pthread_mutex_destroy(ptr %m, ptr @syncsan.site
; CHECK: ret i32 %c
  %a = call i32 @pthread_mutex_init(ptr %m, ptr %attr)
  %b = call i32 @pthread_mutex_timedlock(ptr %m, ptr %ts)
  %c = call i32 @pthread_mutex_destroy(ptr %m)
  ret i32 %c
}

; No call to the real functions is left.
; CHECK-NOT: call i32 @pthread_mutex_

; The module constructor calls __syncsan_init(ABI version 1).
; CHECK: define internal void @syncsan.module_ctor()
; CHECK-NEXT: call void @__syncsan_init(i32 1)

declare i32 @pthread_mutex_lock(ptr)
declare i32 @pthread_mutex_unlock(ptr)
declare i32 @pthread_mutex_trylock(ptr)
declare i32 @pthread_mutex_init(ptr, ptr)
declare i32 @pthread_mutex_timedlock(ptr, ptr)
declare i32 @pthread_mutex_destroy(ptr)

!llvm.module.flags = !{!0, !1}
!llvm.dbg.cu = !{!2}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = !{i32 7, !"Dwarf Version", i32 5}
!2 = distinct !DICompileUnit(language: DW_LANG_C11, file: !3, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!3 = !DIFile(filename: "mutex.c", directory: "")
!4 = !DISubroutineType(types: !{})
!5 = distinct !DISubprogram(name: "worker", scope: !3, file: !3, line: 10, type: !4, scopeLine: 10, unit: !2)
!8 = !DILocation(line: 12, column: 3, scope: !5)
!9 = !DILocation(line: 14, column: 3, scope: !5)
!10 = !DILocation(line: 20, column: 7, scope: !5)
