; A lock call inside a system-header wrapper (libstdc++'s gthread helper, as
; at -O0) gets a SYSTEM_HEADER site (flags 2), and the user's call of the
; wrapper is bracketed by stores of a CALLER site (op 0, flags 4, object =
; the wrapper's name) into the runtime's thread-local slot. Calls between
; system functions get no stores.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s

; CHECK-DAG: @__syncsan_caller_site = external thread_local(initialexec) global ptr
; CHECK-DAG: [[WRAP:@syncsan.str[.0-9]*]] = private unnamed_addr constant {{.*}} c"std::mutex::lock()\00"
; CHECK-DAG: [[CALLER:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr [[WRAP]], i32 4, i32 6, i32 0, i32 4 }
; CHECK-DAG: [[INNER:@syncsan.site[.0-9]*]] = private constant %syncsan.site { ptr {{.*}}, ptr {{.*}}, ptr null, i32 749, i32 12, i32 3, i32 2 }

; CHECK-LABEL: define i32 @main(
; CHECK-NEXT: store ptr [[CALLER]], ptr @__syncsan_caller_site
; CHECK-NEXT: call void @_ZNSt5mutex4lockEv(ptr @mu)
; CHECK-NEXT: store ptr null, ptr @__syncsan_caller_site
; CHECK-NEXT: ret i32 0
define i32 @main() !dbg !10 {
  call void @_ZNSt5mutex4lockEv(ptr @mu), !dbg !11
  ret i32 0
}

; CHECK-LABEL: define linkonce_odr void @_ZNSt5mutex4lockEv(
; CHECK-NOT: store ptr
; CHECK: call i32 @_ZL20__gthread_mutex_lockP15pthread_mutex_t(
define linkonce_odr void @_ZNSt5mutex4lockEv(ptr %this) !dbg !20 {
  %r = call i32 @_ZL20__gthread_mutex_lockP15pthread_mutex_t(ptr %this), !dbg !21
  ret void
}

; CHECK-LABEL: define internal i32 @_ZL20__gthread_mutex_lockP15pthread_mutex_t(
; CHECK: call i32 @__syncsan_pthread_mutex_lock(ptr %m, ptr [[INNER]])
define internal i32 @_ZL20__gthread_mutex_lockP15pthread_mutex_t(ptr %m) !dbg !30 {
  %r = call i32 @pthread_mutex_lock(ptr %m), !dbg !31
  ret i32 %r
}

@mu = global [40 x i8] zeroinitializer

declare i32 @pthread_mutex_lock(ptr)

!llvm.module.flags = !{!0}
!llvm.dbg.cu = !{!1}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !2, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!2 = !DIFile(filename: "user.cpp", directory: "/src")
!3 = !DIFile(filename: "/usr/include/c++/12/bits/std_mutex.h", directory: "/src")
!4 = !DIFile(filename: "/usr/include/x86_64-linux-gnu/c++/12/bits/gthr-default.h", directory: "/src")
!5 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "main", scope: !2, file: !2, line: 3, type: !5, scopeLine: 3, unit: !1)
!11 = !DILocation(line: 4, column: 6, scope: !10)
!20 = distinct !DISubprogram(name: "lock", linkageName: "_ZNSt5mutex4lockEv", scope: !3, file: !3, line: 100, type: !5, scopeLine: 100, unit: !1)
!21 = !DILocation(line: 103, column: 5, scope: !20)
!30 = distinct !DISubprogram(name: "__gthread_mutex_lock", linkageName: "_ZL20__gthread_mutex_lockP15pthread_mutex_t", scope: !4, file: !4, line: 745, type: !5, scopeLine: 745, unit: !1)
!31 = !DILocation(line: 749, column: 12, scope: !30)
