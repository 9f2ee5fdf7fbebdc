; Every pthread_cond_* (pthread_cond_clockwait included) and C11 cnd_*
; call becomes its __syncsan_ hook with the same arguments and a site
; record of the right operation kind.
; Its functions only forward their parameters to lock operations, so they are
; lock wrappers (lock-wrappers-*.ll); recognition is off to see the bare rewrite.
; RUN: %opt -syncsan-lock-wrappers=0 -passes=syncsan -S %s | FileCheck %s

; Each call's site record: file, function, no object (the lock is an
; argument), its line, column 3, its operation kind, no flags.
; CHECK-DAG: [[S100:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 100, i32 3, i32 27, i32 0 }
; CHECK-DAG: [[S101:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 101, i32 3, i32 28, i32 0 }
; CHECK-DAG: [[S102:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 102, i32 3, i32 29, i32 0 }
; CHECK-DAG: [[S103:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 103, i32 3, i32 30, i32 0 }
; CHECK-DAG: [[S104:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 104, i32 3, i32 60, i32 0 }
; CHECK-DAG: [[S105:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 105, i32 3, i32 31, i32 0 }
; CHECK-DAG: [[S106:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 106, i32 3, i32 32, i32 0 }
; CHECK-DAG: [[S107:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 107, i32 3, i32 33, i32 0 }
; CHECK-DAG: [[S108:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 108, i32 3, i32 34, i32 0 }
; CHECK-DAG: [[S109:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 109, i32 3, i32 35, i32 0 }
; CHECK-DAG: [[S110:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 110, i32 3, i32 36, i32 0 }
; CHECK-DAG: [[S111:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 111, i32 3, i32 37, i32 0 }
; CHECK-DAG: [[S112:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 112, i32 3, i32 38, i32 0 }

define void @calls(ptr %p, ptr %q, ptr %r, i32 %c) !dbg !5 {
entry:
; CHECK-LABEL: define void @calls(
; CHECK-NEXT: entry:
; CHECK-NEXT: %v0 = call i32 @__syncsan_pthread_cond_init(ptr %p, ptr %q, ptr [[S100]]), !dbg
; CHECK-NEXT: %v1 = call i32 @__syncsan_pthread_cond_destroy(ptr %p, ptr [[S101]]), !dbg
; CHECK-NEXT: %v2 = call i32 @__syncsan_pthread_cond_wait(ptr %p, ptr %q, ptr [[S102]]), !dbg
; CHECK-NEXT: %v3 = call i32 @__syncsan_pthread_cond_timedwait(ptr %p, ptr %q, ptr %r, ptr [[S103]]), !dbg
; CHECK-NEXT: %v4 = call i32 @__syncsan_pthread_cond_clockwait(ptr %p, ptr %q, i32 %c, ptr %r, ptr [[S104]]), !dbg
; CHECK-NEXT: %v5 = call i32 @__syncsan_pthread_cond_signal(ptr %p, ptr [[S105]]), !dbg
; CHECK-NEXT: %v6 = call i32 @__syncsan_pthread_cond_broadcast(ptr %p, ptr [[S106]]), !dbg
; CHECK-NEXT: %v7 = call i32 @__syncsan_cnd_init(ptr %p, ptr [[S107]]), !dbg
; CHECK-NEXT: call void @__syncsan_cnd_destroy(ptr %p, ptr [[S108]]), !dbg
; CHECK-NEXT: %v9 = call i32 @__syncsan_cnd_wait(ptr %p, ptr %q, ptr [[S109]]), !dbg
; CHECK-NEXT: %v10 = call i32 @__syncsan_cnd_timedwait(ptr %p, ptr %q, ptr %r, ptr [[S110]]), !dbg
; CHECK-NEXT: %v11 = call i32 @__syncsan_cnd_signal(ptr %p, ptr [[S111]]), !dbg
; CHECK-NEXT: %v12 = call i32 @__syncsan_cnd_broadcast(ptr %p, ptr [[S112]]), !dbg
; CHECK-NEXT: ret void
  %v0 = call i32 @pthread_cond_init(ptr %p, ptr %q), !dbg !100
  %v1 = call i32 @pthread_cond_destroy(ptr %p), !dbg !101
  %v2 = call i32 @pthread_cond_wait(ptr %p, ptr %q), !dbg !102
  %v3 = call i32 @pthread_cond_timedwait(ptr %p, ptr %q, ptr %r), !dbg !103
  %v4 = call i32 @pthread_cond_clockwait(ptr %p, ptr %q, i32 %c, ptr %r), !dbg !104
  %v5 = call i32 @pthread_cond_signal(ptr %p), !dbg !105
  %v6 = call i32 @pthread_cond_broadcast(ptr %p), !dbg !106
  %v7 = call i32 @cnd_init(ptr %p), !dbg !107
  call void @cnd_destroy(ptr %p), !dbg !108
  %v9 = call i32 @cnd_wait(ptr %p, ptr %q), !dbg !109
  %v10 = call i32 @cnd_timedwait(ptr %p, ptr %q, ptr %r), !dbg !110
  %v11 = call i32 @cnd_signal(ptr %p), !dbg !111
  %v12 = call i32 @cnd_broadcast(ptr %p), !dbg !112
  ret void
}

; Each hook is declared with the real signature plus the site pointer.
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_init(ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_destroy(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_wait(ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_timedwait(ptr, ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_clockwait(ptr, ptr, i32, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_signal(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_pthread_cond_broadcast(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_cnd_init(ptr, ptr)
; CHECK-DAG: declare void @__syncsan_cnd_destroy(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_cnd_wait(ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_cnd_timedwait(ptr, ptr, ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_cnd_signal(ptr, ptr)
; CHECK-DAG: declare i32 @__syncsan_cnd_broadcast(ptr, ptr)

declare i32 @pthread_cond_init(ptr, ptr)
declare i32 @pthread_cond_destroy(ptr)
declare i32 @pthread_cond_wait(ptr, ptr)
declare i32 @pthread_cond_timedwait(ptr, ptr, ptr)
declare i32 @pthread_cond_clockwait(ptr, ptr, i32, ptr)
declare i32 @pthread_cond_signal(ptr)
declare i32 @pthread_cond_broadcast(ptr)
declare i32 @cnd_init(ptr)
declare void @cnd_destroy(ptr)
declare i32 @cnd_wait(ptr, ptr)
declare i32 @cnd_timedwait(ptr, ptr, ptr)
declare i32 @cnd_signal(ptr)
declare i32 @cnd_broadcast(ptr)

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
!112 = !DILocation(line: 112, column: 3, scope: !5)
