; IR shapes clang rarely emits but any front end or optimiser may: the
; pass reads them as the IR means them and never asserts on them.
; - GEP indices wider than 64 bits are truncated to the index width, as
;   the GEP itself does: index 2^64 + 1 of an i32 array is element 1.
; - An __atomic_* call's order argument of any width: its low bits are
;   the order (here 65535, out of range).
; - A program's own inline asm that merely looks like an order marker (an
;   i64 operand) is the program's: no diagnostic, and it is not removed.
; RUN: %opt -passes='syncsan-early,syncsan' -syncsan-instrument-atomics=0 -verify-each -S %s -o %t.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-
; RUN: FileCheck %s --check-prefix=IR < %t.ll
source_filename = "shapes.c"

@arr = global [4 x i32] zeroinitializer, align 16

; CHECK: shapes.c: warning: in function 'wide_index': plain store to 'arr+4', which is also accessed atomically{{.*}} [syncsan-atomic-mixed-access]
define i32 @wide_index() {
  %e = getelementptr [4 x i32], ptr @arr, i128 0, i128 18446744073709551617
  %v = load atomic i32, ptr %e monotonic, align 4
  store i32 1, ptr getelementptr inbounds ([4 x i32], ptr @arr, i64 0, i64 1), align 4
  ; Element 2 is only ever plain: no word about it.
  store i32 2, ptr getelementptr inbounds ([4 x i32], ptr @arr, i64 0, i64 2), align 4
  ret i32 %v
}

; CHECK: shapes.c: warning: in function 'wide_order': an out-of-range memory order (65535) is not a valid order for an atomic load (call to __atomic_load_4; use relaxed, consume, acquire or seq_cst) [syncsan-atomic-invalid-order]
declare i32 @__atomic_load_4(ptr, i128)
define i32 @wide_order(ptr %p) {
  %r = call i32 @__atomic_load_4(ptr %p, i128 340282366920938463463374607431768211455)
  ret i32 %r
}

; IR-LABEL: define void @lookalike_asm(
; IR-NEXT: call void asm sideeffect "# syncsan.order_check load", "r"(i64 7)
define void @lookalike_asm() {
  call void asm sideeffect "# syncsan.order_check load", "r"(i64 7)
  ret void
}
