; Every pthread_rwlock_* call, the glibc clock variants included, and
; pthread_mutex_clocklock become their __syncsan_ hooks with the same
; arguments and a site record of the right operation kind.
; Its functions only forward their parameters to lock operations, so they are
; lock wrappers (lock-wrappers-*.ll); recognition is off to see the bare rewrite.
; RUN: %opt -syncsan-lock-wrappers=0 -passes=syncsan -S %s | FileCheck %s

; Each call's site record: file, function, no object (the lock is an
; argument), its line, column 3, its operation kind, no flags.
; CHECK-DAG: [[S100:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 100, i32 3, i32 7, i32 0 }
; CHECK-DAG: [[S101:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 101, i32 3, i32 8, i32 0 }
; CHECK-DAG: [[S102:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 102, i32 3, i32 9, i32 0 }
; CHECK-DAG: [[S103:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 103, i32 3, i32 10, i32 0 }
; CHECK-DAG: [[S104:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 104, i32 3, i32 11, i32 0 }
; CHECK-DAG: [[S105:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 105, i32 3, i32 58, i32 0 }
; CHECK-DAG: [[S106:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 106, i32 3, i32 12, i32 0 }
; CHECK-DAG: [[S107:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 107, i32 3, i32 13, i32 0 }
; CHECK-DAG: [[S108:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 108, i32 3, i32 14, i32 0 }
; CHECK-DAG: [[S109:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 109, i32 3, i32 59, i32 0 }
; CHECK-DAG: [[S110:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 110, i32 3, i32 15, i32 0 }
; CHECK-DAG: [[S111:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 111, i32 3, i32 57, i32 0 }

define void @calls(ptr %p, ptr %q, ptr %r, i32 %c) !dbg !5 {
entry:
; CHECK-LABEL: define void @calls(
; CHECK-NEXT: entry:
; CHECK-NEXT: %v0 = call i32 @__syncsan_pthread_rwlock_init(ptr %p, ptr %q, ptr [[S100]]), !dbg
; CHECK-NEXT: %v1 = call i32 @__syncsan_pthread_rwlock_destroy(ptr %p, ptr [[S101]]), !dbg
; CHECK-NEXT: %v2 = call i32 @__syncsan_pthread_rwlock_rdlock(ptr %p, ptr [[S102]]), !dbg
; CHECK-NEXT: %v3 = call i32 @__syncsan_pthread_rwlock_tryrdlock(ptr %p, ptr [[S103]]), !dbg
; CHECK-NEXT: %v4 = call i32 @__syncsan_pthread_rwlock_timedrdlock(ptr %p, ptr %q, ptr [[S104]]), !dbg
; CHECK-NEXT: %v5 = call i32 @__syncsan_pthread_rwlock_clockrdlock(ptr %p, i32 %c, ptr %q, ptr [[S105]]), !dbg
; CHECK-NEXT: %v6 = call i32 @__syncsan_pthread_rwlock_wrlock(ptr %p, ptr [[S106]]), !dbg
; CHECK-NEXT: %v7 = call i32 @__syncsan_pthread_rwlock_trywrlock(ptr %p, ptr [[S107]]), !dbg
; CHECK-NEXT: %v8 = call i32 @__syncsan_pthread_rwlock_timedwrlock(ptr %p, ptr %q, ptr [[S108]]), !dbg
; CHECK-NEXT: %v9 = call i32 @__syncsan_pthread_rwlock_clockwrlock(ptr %p, i32 %c, ptr %q, ptr [[S109]]), !dbg
; CHECK-NEXT: %v10 = call i32 @__syncsan_pthread_rwlock_unlock(ptr %p, ptr [[S110]]), !dbg
; CHECK-NEXT: %v11 = call i32 @__syncsan_pthread_mutex_clocklock(ptr %p, i32 %c, ptr %q, ptr [[S111]]), !dbg
; CHECK-NEXT: ret void
  %v0 = call i32 @pthread_rwlock_init(ptr %p, ptr %q), !dbg !100
  %v1 = call i32 @pthread_rwlock_destroy(ptr %p), !dbg !101
  %v2 = call i32 @pthread_rwlock_rdlock(ptr %p), !dbg !102
  %v3 = call i32 @pthread_rwlock_tryrdlock(ptr %p), !dbg !103
  %v4 = call i32 @pthread_rwlock_timedrdlock(ptr %p, ptr %q), !dbg !104
  %v5 = call i32 @pthread_rwlock_clockrdlock(ptr %p, i32 %c, ptr %q), !dbg !105
  %v6 = call i32 @pthread_rwlock_wrlock(ptr %p), !dbg !106
  %v7 = call i32 @pthread_rwlock_trywrlock(ptr %p), !dbg !107
  %v8 = call i32 @pthread_rwlock_timedwrlock(ptr %p, ptr %q), !dbg !108
  %v9 = call i32 @pthread_rwlock_clockwrlock(ptr %p, i32 %c, ptr %q), !dbg !109
  %v10 = call i32 @pthread_rwlock_unlock(ptr %p), !dbg !110
  %v11 = call i32 @pthread_mutex_clocklock(ptr %p, i32 %c, ptr %q), !dbg !111
  ret void
}

; Each hook is declared with the real signature plus the site pointer.
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_init(ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_destroy(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_rdlock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_tryrdlock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_timedrdlock(ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_clockrdlock(ptr, i32, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_wrlock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_trywrlock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_timedwrlock(ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_clockwrlock(ptr, i32, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_rwlock_unlock(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_mutex_clocklock(ptr, i32, ptr, ptr)

declare i32 @pthread_rwlock_init(ptr, ptr)
declare i32 @pthread_rwlock_destroy(ptr)
declare i32 @pthread_rwlock_rdlock(ptr)
declare i32 @pthread_rwlock_tryrdlock(ptr)
declare i32 @pthread_rwlock_timedrdlock(ptr, ptr)
declare i32 @pthread_rwlock_clockrdlock(ptr, i32, ptr)
declare i32 @pthread_rwlock_wrlock(ptr)
declare i32 @pthread_rwlock_trywrlock(ptr)
declare i32 @pthread_rwlock_timedwrlock(ptr, ptr)
declare i32 @pthread_rwlock_clockwrlock(ptr, i32, ptr)
declare i32 @pthread_rwlock_unlock(ptr)
declare i32 @pthread_mutex_clocklock(ptr, i32, ptr)

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
!111 = !DILocation(line: 111, column: 3, scope: !5)
