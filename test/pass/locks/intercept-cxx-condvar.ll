; The out-of-line members of libstdc++'s std::condition_variable, called
; by their mangled names, become __syncsan_<mangled name> hooks with the
; same arguments and a site record of the right operation kind.
; Its functions only forward their parameters to lock operations, so they are
; lock wrappers (lock-wrappers-*.ll); recognition is off to see the bare rewrite.
; RUN: %opt -syncsan-lock-wrappers=0 -passes=syncsan -S %s | FileCheck %s

; Each call's site record: file, function, no object (the lock is an
; argument), its line, column 3, its operation kind, no flags.
; CHECK-DAG: [[S100:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 100, i32 3, i32 61, i32 0 }
; CHECK-DAG: [[S101:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 101, i32 3, i32 61, i32 0 }
; CHECK-DAG: [[S102:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 102, i32 3, i32 63, i32 0 }
; CHECK-DAG: [[S103:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 103, i32 3, i32 64, i32 0 }
; CHECK-DAG: [[S104:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 104, i32 3, i32 65, i32 0 }
; CHECK-DAG: [[S105:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 105, i32 3, i32 62, i32 0 }
; CHECK-DAG: [[S106:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr @{{[^,]+}}, ptr @{{[^,]+}}, ptr null, i32 106, i32 3, i32 62, i32 0 }

define void @calls(ptr %p, ptr %q, ptr %r, i32 %c) !dbg !5 {
entry:
; CHECK-LABEL: define void @calls(
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @__syncsan__ZNSt18condition_variableC1Ev(ptr %p, ptr [[S100]]), !dbg
; CHECK-NEXT: call void @__syncsan__ZNSt18condition_variableC2Ev(ptr %p, ptr [[S101]]), !dbg
; CHECK-NEXT: call void @__syncsan__ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(ptr %p, ptr %q, ptr [[S102]]), !dbg
; CHECK-NEXT: call void @__syncsan__ZNSt18condition_variable10notify_oneEv(ptr %p, ptr [[S103]]), !dbg
; CHECK-NEXT: call void @__syncsan__ZNSt18condition_variable10notify_allEv(ptr %p, ptr [[S104]]), !dbg
; CHECK-NEXT: call void @__syncsan__ZNSt18condition_variableD1Ev(ptr %p, ptr [[S105]]), !dbg
; CHECK-NEXT: call void @__syncsan__ZNSt18condition_variableD2Ev(ptr %p, ptr [[S106]]), !dbg
; CHECK-NEXT: ret void
  call void @_ZNSt18condition_variableC1Ev(ptr %p), !dbg !100
  call void @_ZNSt18condition_variableC2Ev(ptr %p), !dbg !101
  call void @_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(ptr %p, ptr %q), !dbg !102
  call void @_ZNSt18condition_variable10notify_oneEv(ptr %p), !dbg !103
  call void @_ZNSt18condition_variable10notify_allEv(ptr %p), !dbg !104
  call void @_ZNSt18condition_variableD1Ev(ptr %p), !dbg !105
  call void @_ZNSt18condition_variableD2Ev(ptr %p), !dbg !106
  ret void
}

; Each hook is declared with the real signature plus the site pointer.
; CHECK-DAG: declare void @__syncsan__ZNSt18condition_variableC1Ev(ptr, ptr)
; CHECK-DAG: declare void @__syncsan__ZNSt18condition_variableC2Ev(ptr, ptr)
; CHECK-DAG: declare void @__syncsan__ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(ptr, ptr, ptr)
; CHECK-DAG: declare void @__syncsan__ZNSt18condition_variable10notify_oneEv(ptr, ptr)
; CHECK-DAG: declare void @__syncsan__ZNSt18condition_variable10notify_allEv(ptr, ptr)
; CHECK-DAG: declare void @__syncsan__ZNSt18condition_variableD1Ev(ptr, ptr)
; CHECK-DAG: declare void @__syncsan__ZNSt18condition_variableD2Ev(ptr, ptr)

declare void @_ZNSt18condition_variableC1Ev(ptr)
declare void @_ZNSt18condition_variableC2Ev(ptr)
declare void @_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(ptr, ptr)
declare void @_ZNSt18condition_variable10notify_oneEv(ptr)
declare void @_ZNSt18condition_variable10notify_allEv(ptr)
declare void @_ZNSt18condition_variableD1Ev(ptr)
declare void @_ZNSt18condition_variableD2Ev(ptr)

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
