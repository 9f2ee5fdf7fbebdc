; atomic-split-line: an atomic that provably straddles a cache line (the
; address is known modulo at least the line size), or whose layout allows it
; to (a packed struct guarantees less alignment than the atomic needs; then
; it is also checked at run time). The line size is an option.
; RUN: %opt -passes=syncsan -syncsan-atomic-inline-checks=0 -S %s -o %t.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
; RUN: FileCheck %s --check-prefix=IR < %t.ll
; RUN: %opt -passes=syncsan -syncsan-cache-line-size=128 -S %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=L128 --implicit-check-not=syncsan-atomic
source_filename = "split.c"

%struct.packed = type <{ i8, i64 }>

@buf = global [256 x i8] zeroinitializer, align 128
@pk = global %struct.packed zeroinitializer, align 1

; buf + 62: a 4-byte atomic on bytes 62..65 of a 64-byte line.
; CHECK: split.c: warning: in function 'crosses': 4-byte atomic read-modify-write (xchg) of 'buf+62' straddles a 64-byte cache line boundary: it starts at byte 62 of its line; it needs 4-byte alignment but is only 2-byte aligned [syncsan-atomic-split-line]
; With 128-byte lines, byte 62 is mid-line: only misaligned.
; L128: split.c: warning: in function 'crosses': misaligned 4-byte atomic read-modify-write (xchg) of 'buf+62': it needs 4-byte alignment but the address is only 2-byte aligned (the address is 62 modulo 128) [syncsan-atomic-misaligned]
; Proven either way: no run-time check.
; IR-LABEL: define i32 @crosses(
; IR-NEXT: atomicrmw xchg ptr getelementptr inbounds (i8, ptr @buf, i64 62), i32 1 seq_cst, align 4
define i32 @crosses() {
  %r = atomicrmw xchg ptr getelementptr inbounds (i8, ptr @buf, i64 62), i32 1 seq_cst, align 4
  ret i32 %r
}

; buf + 124, 8 bytes: crosses a 64-byte line and a 128-byte one.
; CHECK: split.c: warning: in function 'crosses_both': 8-byte atomic load of 'buf+124' straddles a 64-byte cache line boundary: it starts at byte 60 of its line; it needs 8-byte alignment but is only 4-byte aligned [syncsan-atomic-split-line]
; L128: split.c: warning: in function 'crosses_both': 8-byte atomic load of 'buf+124' straddles a 128-byte cache line boundary: it starts at byte 124 of its line; it needs 8-byte alignment but is only 4-byte aligned [syncsan-atomic-split-line]
define i64 @crosses_both() {
  %v = load atomic i64, ptr getelementptr inbounds (i8, ptr @buf, i64 124) seq_cst, align 8
  ret i64 %v
}

; A packed struct at 1-byte alignment: its 8-byte field can land anywhere.
; CHECK: split.c: warning: in function 'packed': misaligned 8-byte atomic load of 'pk+1': its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-misaligned]
; CHECK: split.c: warning: in function 'packed': 8-byte atomic load of 'pk+1' may straddle a 64-byte cache line boundary: its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-split-line]
; L128: split.c: warning: in function 'packed': misaligned 8-byte atomic load of 'pk+1': its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-misaligned]
; L128: split.c: warning: in function 'packed': 8-byte atomic load of 'pk+1' may straddle a 128-byte cache line boundary: its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-split-line]
; IR-LABEL: define i64 @packed(
; IR-NEXT: %f = getelementptr inbounds %struct.packed, ptr @pk, i32 0, i32 1
; IR-NEXT: call void @__syncsan_atomic_check(ptr %f, i64 8,
; IR-NEXT: load atomic i64
define i64 @packed() {
  %f = getelementptr inbounds %struct.packed, ptr @pk, i32 0, i32 1
  %v = load atomic i64, ptr %f seq_cst, align 1
  ret i64 %v
}

; Near misses: misaligned but inside one line (bytes 57..60) is only
; atomic-misaligned; an aligned access at the end of a line is fine.
; CHECK: split.c: warning: in function 'near_miss': misaligned 4-byte atomic store of 'buf+57': it needs 4-byte alignment but the address is only 1-byte aligned (the address is 57 modulo 128) [syncsan-atomic-misaligned]
; L128: split.c: warning: in function 'near_miss': misaligned 4-byte atomic store of 'buf+57': it needs 4-byte alignment but the address is only 1-byte aligned (the address is 57 modulo 128) [syncsan-atomic-misaligned]
define void @near_miss() {
  store atomic i32 0, ptr getelementptr inbounds (i8, ptr @buf, i64 57) seq_cst, align 4
  store atomic i32 0, ptr getelementptr inbounds (i8, ptr @buf, i64 60) seq_cst, align 4
  ret void
}
