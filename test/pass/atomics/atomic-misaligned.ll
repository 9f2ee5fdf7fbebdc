; atomic-misaligned: an address whose provable low bits (object alignment
; plus constant offsets, strides of variable offsets) rule out natural
; alignment is reported with the alignment it needs and the one it has.
; Proven misaligned atomics need no run-time check; the near misses next to
; them are either proven aligned (left plain) or unknown (checked at run
; time, without a compile-time word).
; RUN: %opt -passes=syncsan -syncsan-atomic-inline-checks=0 -S %s -o %t.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
; RUN: FileCheck %s --check-prefix=IR < %t.ll
source_filename = "mis.c"

%struct.packed = type <{ i8, i32 }>

@buf = global [64 x i8] zeroinitializer, align 64
@pk = global %struct.packed zeroinitializer, align 8
@words = global [16 x i32] zeroinitializer, align 16

; A byte buffer cast to an atomic int: buf + 1.
; CHECK: mis.c: warning: in function 'char_buffer': misaligned 4-byte atomic load of 'buf+1': it needs 4-byte alignment but the address is only 1-byte aligned (the address is 1 modulo 64) [syncsan-atomic-misaligned]
; IR-LABEL: define i32 @char_buffer(
; IR-NEXT: load atomic i32, ptr getelementptr inbounds (i8, ptr @buf, i64 1) seq_cst, align 4
define i32 @char_buffer() {
  %v = load atomic i32, ptr getelementptr inbounds (i8, ptr @buf, i64 1) seq_cst, align 4
  ret i32 %v
}

; A packed struct inside an 8-aligned object: its int is at 1 modulo 8.
; CHECK: mis.c: warning: in function 'packed_field': misaligned 4-byte atomic read-modify-write (add) of 'pk+1': it needs 4-byte alignment but the address is only 1-byte aligned (the address is 1 modulo 8) [syncsan-atomic-misaligned]
define void @packed_field() {
  %f = getelementptr inbounds %struct.packed, ptr @pk, i32 0, i32 1
  %r = atomicrmw add ptr %f, i32 1 seq_cst, align 1
  ret void
}

; On the stack: an 8-byte atomic at offset 4 of a 16-aligned buffer.
; CHECK: mis.c: warning: in function 'stack': misaligned 8-byte atomic store: it needs 8-byte alignment but the address is only 4-byte aligned (the address is 4 modulo 16) [syncsan-atomic-misaligned]
define void @stack() {
  %a = alloca [32 x i8], align 16
  %p = getelementptr inbounds i8, ptr %a, i64 4
  store atomic i64 1, ptr %p release, align 8
  ret void
}

; A variable index keeps what its stride proves: words + 2 + 4*i is 2
; modulo 4 for every i; where in a line it lands is checked at run time.
; CHECK: mis.c: warning: in function 'strided': misaligned 4-byte atomic store: it needs 4-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 4); it may also straddle a 64-byte cache line, which is checked at run time [syncsan-atomic-misaligned]
define void @strided(i64 %i) {
  %e = getelementptr inbounds [16 x i32], ptr @words, i64 0, i64 %i
  %p = getelementptr inbounds i8, ptr %e, i64 2
  store atomic i32 0, ptr %p monotonic, align 4
  ret void
}

; Near misses, silent: buf + 4 and words[i] are aligned (left plain), a
; pointer parameter is unknown (checked at run time).
; IR-LABEL: define void @strided(
; IR: call void @__syncsan_atomic_store_4(
; IR-LABEL: define void @near_misses(
; IR-NEXT: store atomic i32 0, ptr getelementptr inbounds (i8, ptr @buf, i64 4) seq_cst, align 4
; IR-NEXT: %e = getelementptr inbounds [16 x i32], ptr @words, i64 0, i64 %i
; IR-NEXT: store atomic i32 0, ptr %e seq_cst, align 4
; IR-NEXT: call void @__syncsan_atomic_store_4(ptr %p,
define void @near_misses(i64 %i, ptr %p) {
  store atomic i32 0, ptr getelementptr inbounds (i8, ptr @buf, i64 4) seq_cst, align 4
  %e = getelementptr inbounds [16 x i32], ptr @words, i64 0, i64 %i
  store atomic i32 0, ptr %e seq_cst, align 4
  store atomic i32 0, ptr %p seq_cst, align 4
  ret void
}

; An argument's align attribute is the caller's promise, not a proof: a
; misaligned pointer is exactly what the run-time check is for.
; IR-LABEL: define i32 @promised(
; IR-NEXT: call i32 @__syncsan_atomic_load_4(ptr %p,
define i32 @promised(ptr align 4 %p) {
  %v = load atomic i32, ptr %p acquire, align 4
  ret i32 %v
}
