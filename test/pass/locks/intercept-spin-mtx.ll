; Every pthread_spin_* and C11 mtx_* call becomes its __syncsan_ hook with
; the same arguments and a site record of the right operation kind
; (mtx_destroy returns void, pthread_spin_init and mtx_init take an int).
; Its functions only forward their parameters to lock operations, so they are
; lock wrappers (lock-wrappers-*.ll); recognition is off to see the bare rewrite.
; RUN: %opt -syncsan-lock-wrappers=0 -passes=syncsan -S %s | FileCheck %s

; Each call's site record: file, function, no object (the lock is an
; argument), its line, column 3, its operation kind, no flags.
; CHECK-DAG: [[S100:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 100, i32 3, i32 16, i32 0 }
; CHECK-DAG: [[S101:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 101, i32 3, i32 17, i32 0 }
; CHECK-DAG: [[S102:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 102, i32 3, i32 18, i32 0 }
; CHECK-DAG: [[S103:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 103, i32 3, i32 19, i32 0 }
; CHECK-DAG: [[S104:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 104, i32 3, i32 20, i32 0 }
; CHECK-DAG: [[S105:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 105, i32 3, i32 21, i32 0 }
; CHECK-DAG: [[S106:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 106, i32 3, i32 22, i32 0 }
; CHECK-DAG: [[S107:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 107, i32 3, i32 23, i32 0 }
; CHECK-DAG: [[S108:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 108, i32 3, i32 24, i32 0 }
; CHECK-DAG: [[S109:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 109, i32 3, i32 25, i32 0 }
; CHECK-DAG: [[S110:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 110, i32 3, i32 26, i32 0 }

define void @calls(ptr %p, ptr %q, ptr %r, i32 %c) !dbg !5 {
entry:
; CHECK-LABEL: define void @calls(
; CHECK-NEXT: entry:
; CHECK-NEXT: %v0 = call i32 @__syncsan_pthread_spin_init(ptr %p, i32 %c, ptr [[S100]]), !dbg
; CHECK-NEXT: %v1 = call i32 @__syncsan_pthread_spin_destroy(ptr %p, ptr [[S101]]), !dbg
; CHECK-NEXT: %v2 = call i32 @__syncsan_pthread_spin_lock(ptr %p, ptr [[S102]]), !dbg
; CHECK-NEXT: %v3 = call i32 @__syncsan_pthread_spin_trylock(ptr %p, ptr [[S103]]), !dbg
; CHECK-NEXT: %v4 = call i32 @__syncsan_pthread_spin_unlock(ptr %p, ptr [[S104]]), !dbg
; CHECK-NEXT: %v5 = call i32 @__syncsan_mtx_init(ptr %p, i32 %c, ptr [[S105]]), !dbg
; CHECK-NEXT: call void @__syncsan_mtx_destroy(ptr %p, ptr [[S106]]), !dbg
; CHECK-NEXT: %v7 = call i32 @__syncsan_mtx_lock(ptr %p, ptr [[S107]]), !dbg
; CHECK-NEXT: %v8 = call i32 @__syncsan_mtx_trylock(ptr %p, ptr [[S108]]), !dbg
; CHECK-NEXT: %v9 = call i32 @__syncsan_mtx_timedlock(ptr %p, ptr %q, ptr [[S109]]), !dbg
; CHECK-NEXT: %v10 = call i32 @__syncsan_mtx_unlock(ptr %p, ptr [[S110]]), !dbg
; CHECK-NEXT: ret void
  %v0 = call i32 @pthread_spin_init(ptr %p, i32 %c), !dbg !100
  %v1 = call i32 @pthread_spin_destroy(ptr %p), !dbg !101
  %v2 = call i32 @pthread_spin_lock(ptr %p), !dbg !102
  %v3 = call i32 @pthread_spin_trylock(ptr %p), !dbg !103
  %v4 = call i32 @pthread_spin_unlock(ptr %p), !dbg !104
  %v5 = call i32 @mtx_init(ptr %p, i32 %c), !dbg !105
  call void @mtx_destroy(ptr %p), !dbg !106
  %v7 = call i32 @mtx_lock(ptr %p), !dbg !107
  %v8 = call i32 @mtx_trylock(ptr %p), !dbg !108
  %v9 = call i32 @mtx_timedlock(ptr %p, ptr %q), !dbg !109
  %v10 = call i32 @mtx_unlock(ptr %p), !dbg !110
  ret void
}

; Each hook is declared with the real signature plus the site pointer.
; CHECK-DAG: declare i32 @__syncsan_pthread_spin_init(ptr, i32, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_spin_destroy(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_spin_lock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_spin_trylock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_spin_unlock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_mtx_init(ptr, i32, ptr)
; CHECK-DAG: declare void @__syncsan_mtx_destroy(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_mtx_lock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_mtx_trylock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_mtx_timedlock(ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_mtx_unlock(ptr, ptr)

declare i32 @pthread_spin_init(ptr, i32)
declare i32 @pthread_spin_destroy(ptr)
declare i32 @pthread_spin_lock(ptr)
declare i32 @pthread_spin_trylock(ptr)
declare i32 @pthread_spin_unlock(ptr)
declare i32 @mtx_init(ptr, i32)
declare void @mtx_destroy(ptr)
declare i32 @mtx_lock(ptr)
declare i32 @mtx_trylock(ptr)
declare i32 @mtx_timedlock(ptr, ptr)
declare i32 @mtx_unlock(ptr)

!llvm.module.flags = !{!0, !1}
!llvm.dbg.cu = !{!2}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = !{i32 7, !"Dwarf Version", i32 5}
!2 = distinct !DICompileUnit(language: DW_LANG_C11, file: !3, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!3 = !DIFile(filename: "kinds.c", directory: "")
!4 = !DISubroutineType(types: !{})
!5 = distinct !DISubprogram(name: "calls", scope: !3, file: !3, line: 90, type: !4, scopeLine: 90, unit: !2)
!100 = !DILocation(line: 100, column: 3, scope: !5)
!101 = !DILocation(line: 101, column: 3, scope: !5)
!102 = !DILocation(line: 102, column: 3, scope: !5)
!103 = !DILocation(line: 103, column: 3, scope: !5)
!104 = !DILocation(line: 104, column: 3, scope: !5)
!105 = !DILocation(line: 105, column: 3, scope: !5)
!106 = !DILocation(line: 106, column: 3, scope: !5)
!107 = !DILocation(line: 107, column: 3, scope: !5)
!108 = !DILocation(line: 108, column: 3, scope: !5)
!109 = !DILocation(line: 109, column: 3, scope: !5)
!110 = !DILocation(line: 110, column: 3, scope: !5)
