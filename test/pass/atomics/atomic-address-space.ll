; Atomics outside the default address space cannot be checked at run time:
; the hooks take generic pointers, and an address in another space has no
; generic address on every target (x86-64's 256, 257 and 258 are gs-, fs-
; and ss-relative). Their diagnostics used to promise a run-time check that
; never came; they now say it cannot be done, and no hook is emitted. The
; same shapes in the default space, for contrast, are checked.
; RUN: %opt -passes=syncsan -syncsan-atomic-inline-checks=0 -S %s -o %t.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-atomic
; RUN: FileCheck %s --check-prefix=IR --implicit-check-not='call {{.*}}@__syncsan_atomic' < %t.ll
source_filename = "spaces.c"

@far = addrspace(1) global i32 0, align 1
@near = global i32 0, align 1

; Only 1-byte alignment from the layout: may straddle a line.
; CHECK: spaces.c: warning: in function 'layout': misaligned 4-byte atomic load of 'far': its layout guarantees only 1-byte alignment where 4 is needed; it cannot be checked at run time: it is in address space 1 [syncsan-atomic-misaligned]
; CHECK: spaces.c: warning: in function 'layout': 4-byte atomic load of 'far' may straddle a 64-byte cache line boundary: its layout guarantees only 1-byte alignment where 4 is needed; it cannot be checked at run time: it is in address space 1 [syncsan-atomic-split-line]
; CHECK: spaces.c: warning: in function 'layout': misaligned 4-byte atomic load of 'near': its layout guarantees only 1-byte alignment where 4 is needed; it is checked at run time [syncsan-atomic-misaligned]
; CHECK: spaces.c: warning: in function 'layout': 4-byte atomic load of 'near' may straddle a 64-byte cache line boundary: its layout guarantees only 1-byte alignment where 4 is needed; it is checked at run time [syncsan-atomic-split-line]
; IR-LABEL: define i32 @layout(
; IR-NEXT: %a = load atomic i32, ptr addrspace(1) @far acquire, align 1
; IR-NEXT: call void @__syncsan_atomic_check(ptr @near, i64 4,
; IR-NEXT: %b = load atomic i32, ptr @near acquire, align 1
define i32 @layout() {
  %a = load atomic i32, ptr addrspace(1) @far acquire, align 1
  %b = load atomic i32, ptr @near acquire, align 1
  %s = add i32 %a, %b
  ret i32 %s
}

; 2 modulo 4, 8 bytes: misaligned, and it may cross a line.
; CHECK: spaces.c: warning: in function 'segment': misaligned 8-byte atomic read-modify-write (add): it needs 8-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 4); it may also straddle a 64-byte cache line, which cannot be checked at run time: it is in address space 256 [syncsan-atomic-misaligned]
; CHECK: spaces.c: warning: in function 'segment': misaligned 8-byte atomic read-modify-write (add): it needs 8-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 4); it may also straddle a 64-byte cache line, which is checked at run time [syncsan-atomic-misaligned]
; IR-LABEL: define i64 @segment(
; IR: %r = atomicrmw add ptr addrspace(256) %p, i64 1 seq_cst, align 8
; IR: %s = call i64 @__syncsan_atomic_fetch_add_8(ptr %q, i64 1, i32 5,
define i64 @segment(ptr addrspace(256) %base, ptr %gen) {
  %m = call ptr addrspace(256) @llvm.ptrmask.p256.i64(ptr addrspace(256) %base, i64 -4)
  %p = getelementptr i8, ptr addrspace(256) %m, i64 2
  %r = atomicrmw add ptr addrspace(256) %p, i64 1 seq_cst, align 8
  %n = call ptr @llvm.ptrmask.p0.i64(ptr %gen, i64 -4)
  %q = getelementptr i8, ptr %n, i64 2
  %s = atomicrmw add ptr %q, i64 1 seq_cst, align 8
  %t = add i64 %r, %s
  ret i64 %t
}

declare ptr addrspace(256) @llvm.ptrmask.p256.i64(ptr addrspace(256), i64)
declare ptr @llvm.ptrmask.p0.i64(ptr, i64)
