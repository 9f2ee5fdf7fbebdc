; Scalable vectors (SVE, RVV) have no compile-time size: the access model
; of the early pass used to ask for one, and LLVM stopped the compiler
; ("Invalid size request on a scalable vector"). Such accesses, and GEPs
; over such types, now name no byte range; the atomic beside them is
; still checked.
; RUN: %opt -passes='syncsan-early,syncsan' -syncsan-atomic-inline-checks=0 -verify-each -S %s 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic

%struct.hdr = type { i32, i32 }

; CHECK-LABEL: define void @copy(
; CHECK-NEXT: %g = getelementptr <vscale x 4 x i32>, ptr %p, i64 1
; CHECK-NEXT: %v = load <vscale x 4 x i32>, ptr %g, align 16
; CHECK-NEXT: store <vscale x 4 x i32> %v, ptr %p, align 16
; CHECK-NEXT: %n = getelementptr %struct.hdr, ptr %h, i64 0, i32 1
; CHECK-NEXT: %a = call i32 @__syncsan_atomic_fetch_add_4(ptr %n, i32 1, i32 0, ptr @syncsan.site)
; CHECK-NEXT: store i32 0, ptr %h, align 4
; CHECK-NEXT: ret void
define void @copy(ptr %p, ptr %h) {
  %g = getelementptr <vscale x 4 x i32>, ptr %p, i64 1
  %v = load <vscale x 4 x i32>, ptr %g, align 16
  store <vscale x 4 x i32> %v, ptr %p, align 16
  %n = getelementptr %struct.hdr, ptr %h, i64 0, i32 1
  %a = atomicrmw add ptr %n, i32 1 monotonic, align 4
  store i32 0, ptr %h, align 4
  ret void
}
