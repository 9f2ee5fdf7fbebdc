; Direct calls of the module's lock wrappers pass the caller's site, as
; calls of system-header wrappers do (caller-sites.ll): a CALLER site (op 0,
; flags 4, object = the wrapper) is stored into the runtime's slot before
; the call and cleared after it, after an invoke at its normal destination.
; A wrapper's call of a wrapper stores nothing (the outer caller's site
; stands); an allocator's call of other code (its allocation function)
; runs with the slot emptied and then restored. The wrappers' own lock
; sites carry WRAPPER (32), and their names are registered.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s
; The early pass records the same wrappers before the late one reads them.
; RUN: %opt -passes=syncsan-early,syncsan -S %s | FileCheck %s

; CHECK-DAG: [[LOCKW:@syncsan.str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"LOCK\00"
; CHECK-DAG: [[LOCK2W:@syncsan.str[.0-9]*]] = private unnamed_addr constant [6 x i8] c"lock2\00"
; CHECK-DAG: [[INNER:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr null, i32 2, i32 3, i32 3, i32 32 }
; CHECK-DAG: [[INIT:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr null, i32 12, i32 3, i32 1, i32 32 }
; CHECK-DAG: [[C41:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr [[LOCK2W]], i32 41, i32 3, i32 0, i32 4 }
; CHECK-DAG: [[C44:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr [[LOCKW]], i32 44, i32 3, i32 0, i32 4 }
; CHECK-DAG: @syncsan.wrappers = private constant [3 x ptr]

; CHECK-LABEL: define void @LOCK(
; CHECK-NEXT: call i32 @__syncsan_pthread_mutex_lock(ptr %m, ptr [[INNER]])
define void @LOCK(ptr %m) !dbg !10 {
  %r = call i32 @pthread_mutex_lock(ptr %m), !dbg !11
  ret void
}

; CHECK-LABEL: define void @lock2(
; CHECK-NEXT: call void @LOCK(ptr %a)
; CHECK-NEXT: call void @LOCK(ptr %b)
; CHECK-NEXT: ret void
define void @lock2(ptr %a, ptr %b) !dbg !20 {
  call void @LOCK(ptr %a), !dbg !21
  call void @LOCK(ptr %b), !dbg !22
  ret void
}

; CHECK-LABEL: define ptr @lock_alloc(
; CHECK-NEXT: %syncsan.caller = load ptr, ptr @__syncsan_caller_site
; CHECK-NEXT: store ptr null, ptr @__syncsan_caller_site
; CHECK-NEXT: %p = call ptr @my_alloc(i64 40)
; CHECK-NEXT: store ptr %syncsan.caller, ptr @__syncsan_caller_site
; CHECK-NEXT: call i32 @__syncsan_pthread_mutex_init(ptr %p, ptr null, ptr [[INIT]])
define ptr @lock_alloc() !dbg !30 {
  %p = call ptr @my_alloc(i64 40), !dbg !31
  %r = call i32 @pthread_mutex_init(ptr %p, ptr null), !dbg !32
  ret ptr %p
}

; The project's allocator: not a wrapper (it makes no lock).
define ptr @my_alloc(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; A lock layer's table holds the allocator.
@table = global ptr @lock_alloc

; CHECK-LABEL: define void @user(
; CHECK-NEXT: entry:
; CHECK-NEXT: store ptr [[C41]], ptr @__syncsan_caller_site
; CHECK-NEXT: call void @lock2(ptr %m, ptr %m)
; CHECK-NEXT: store ptr null, ptr @__syncsan_caller_site
; CHECK-NEXT: store ptr {{@syncsan.site[.0-9]*}}, ptr @__syncsan_caller_site
; CHECK-NEXT: %a = call ptr @lock_alloc()
; CHECK-NEXT: store ptr null, ptr @__syncsan_caller_site
; CHECK-NEXT: store ptr [[C44]], ptr @__syncsan_caller_site
; CHECK-NEXT: invoke void @LOCK(ptr %m)
; CHECK: ok:
; CHECK-NEXT: store ptr null, ptr @__syncsan_caller_site
; CHECK-NEXT: ret void
; CHECK: bad:
; CHECK-NEXT: landingpad
define void @user(ptr %m) personality ptr @__gxx_personality_v0 !dbg !40 {
entry:
  call void @lock2(ptr %m, ptr %m), !dbg !41
  %a = call ptr @lock_alloc(), !dbg !42
  invoke void @LOCK(ptr %m)
          to label %ok unwind label %bad, !dbg !44
ok:
  ret void
bad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; CHECK: call void @__syncsan_register_wrappers(ptr @syncsan.wrappers, i64 3)

declare i32 @pthread_mutex_lock(ptr)
declare i32 @pthread_mutex_init(ptr, ptr)
declare ptr @malloc(i64)
declare i32 @__gxx_personality_v0(...)

!llvm.module.flags = !{!0}
!llvm.dbg.cu = !{!1}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = distinct !DICompileUnit(language: DW_LANG_C11, file: !2, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!2 = !DIFile(filename: "layer.c", directory: "/src")
!5 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "LOCK", scope: !2, file: !2, line: 1, type: !5, scopeLine: 1, unit: !1)
!11 = !DILocation(line: 2, column: 3, scope: !10)
!20 = distinct !DISubprogram(name: "lock2", scope: !2, file: !2, line: 5, type: !5, scopeLine: 5, unit: !1)
!21 = !DILocation(line: 6, column: 3, scope: !20)
!22 = !DILocation(line: 7, column: 3, scope: !20)
!30 = distinct !DISubprogram(name: "lock_alloc", scope: !2, file: !2, line: 10, type: !5, scopeLine: 10, unit: !1)
!31 = !DILocation(line: 11, column: 3, scope: !30)
!32 = !DILocation(line: 12, column: 3, scope: !30)
!40 = distinct !DISubprogram(name: "user", scope: !2, file: !2, line: 40, type: !5, scopeLine: 40, unit: !1)
!41 = !DILocation(line: 41, column: 3, scope: !40)
!42 = !DILocation(line: 42, column: 3, scope: !40)
!44 = !DILocation(line: 44, column: 3, scope: !40)
