; An unproven atomic is tested in line; a test dominated by a test of the
; same pointer value, at least as wide, is dropped: that address has been
; tested on every path to it. A different pointer, the same pointer
; reloaded (another SSA value), a narrower test and a test on only one path
; still leave the access its own test. The hooks (=0) test every site.
; RUN: %opt -passes=syncsan -S %s | FileCheck %s
; RUN: %opt -passes=syncsan -syncsan-atomic-inline-checks=0 -S %s | FileCheck %s --check-prefix=HOOKS
source_filename = "covered.c"

; One test of %p covers the load, the store and the add after it.
; CHECK-LABEL: define i64 @same_pointer(
; CHECK: %[[A:.*]] = ptrtoint ptr %p to i64
; CHECK-NEXT: %[[L:.*]] = and i64 %[[A]], 7
; CHECK-NEXT: %[[B:.*]] = icmp ne i64 %[[L]], 0
; CHECK-NEXT: br i1 %[[B]], label %[[BAD:.*]], label %[[OK:.*]], !prof
; CHECK: [[BAD]]:
; CHECK-NEXT: call void @__syncsan_atomic_check(ptr %p, i64 8, ptr @syncsan.site) #[[COLD:[0-9]+]]
; CHECK: [[OK]]:
; CHECK-NEXT: %a = load atomic i64, ptr %p monotonic, align 8
; CHECK-NEXT: store atomic i64 %a, ptr %p release, align 8
; CHECK-NEXT: %b = atomicrmw add ptr %p, i64 1 seq_cst, align 8
; CHECK-NEXT: ret i64 %b
; HOOKS-LABEL: define i64 @same_pointer(
; HOOKS-NEXT: %a = call i64 @__syncsan_atomic_load_8(ptr %p,
; HOOKS-NEXT: call void @__syncsan_atomic_store_8(ptr %p,
; HOOKS-NEXT: %b = call i64 @__syncsan_atomic_fetch_add_8(ptr %p,
define i64 @same_pointer(ptr %p) {
  %a = load atomic i64, ptr %p monotonic, align 8
  store atomic i64 %a, ptr %p release, align 8
  %b = atomicrmw add ptr %p, i64 1 seq_cst, align 8
  ret i64 %b
}

; 8-byte alignment implies 4-byte alignment.
; CHECK-LABEL: define i32 @wider_covers(
; CHECK-COUNT-1: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK-NOT: __syncsan_atomic_check
; CHECK: ret i32 %b
define i32 @wider_covers(ptr %p) {
  %a = load atomic i64, ptr %p acquire, align 8
  %b = load atomic i32, ptr %p acquire, align 4
  ret i32 %b
}

; ...but 4-byte alignment does not imply 8.
; CHECK-LABEL: define i64 @narrower_does_not(
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 4,
; CHECK: %a = load atomic i32
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK: %b = load atomic i64
define i64 @narrower_does_not(ptr %p) {
  %a = load atomic i32, ptr %p acquire, align 4
  %b = load atomic i64, ptr %p acquire, align 8
  ret i64 %b
}

; CHECK-LABEL: define i64 @other_pointer(
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK: %a = load atomic i64, ptr %p
; CHECK: call void @__syncsan_atomic_check(ptr %q, i64 8,
; CHECK: %b = load atomic i64, ptr %q
define i64 @other_pointer(ptr %p, ptr %q) {
  %a = load atomic i64, ptr %p acquire, align 8
  %b = load atomic i64, ptr %q acquire, align 8
  %s = add i64 %a, %b
  ret i64 %s
}

; The pointer is loaded again: it may have changed in between.
; CHECK-LABEL: define i64 @reloaded(
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK: %a = load atomic i64, ptr %p
; CHECK: %q = load ptr, ptr %slot
; CHECK: call void @__syncsan_atomic_check(ptr %q, i64 8,
; CHECK: %b = load atomic i64, ptr %q
define i64 @reloaded(ptr %slot) {
  %p = load ptr, ptr %slot, align 8
  %a = load atomic i64, ptr %p acquire, align 8
  %q = load ptr, ptr %slot, align 8
  %b = load atomic i64, ptr %q acquire, align 8
  %s = add i64 %a, %b
  ret i64 %s
}

; A test on one path only does not cover the join.
; CHECK-LABEL: define i64 @one_branch(
; CHECK: then:
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK: %a = load atomic i64, ptr %p
; CHECK: join:
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK: %b = load atomic i64, ptr %p
define i64 @one_branch(ptr %p, i1 %c) {
entry:
  br i1 %c, label %then, label %join
then:
  %a = load atomic i64, ptr %p acquire, align 8
  br label %join
join:
  %b = load atomic i64, ptr %p acquire, align 8
  ret i64 %b
}

; A test before the branch covers the store in one arm.
; CHECK-LABEL: define i64 @dominating_branch(
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK-NOT: __syncsan_atomic_check
; CHECK: then:
; CHECK-NEXT: store atomic i64 0, ptr %p release, align 8
; CHECK-NOT: __syncsan_atomic_check
; CHECK: ret i64 %a
define i64 @dominating_branch(ptr %p, i1 %c) {
entry:
  %a = load atomic i64, ptr %p acquire, align 8
  br i1 %c, label %then, label %join
then:
  store atomic i64 0, ptr %p release, align 8
  br label %join
join:
  ret i64 %a
}

; %p is a new address on every iteration: its test stays in the loop body,
; after its definition, and covers only the second load of that iteration.
; CHECK-LABEL: define i64 @loop(
; CHECK: body:
; CHECK-NEXT: %i = phi i64
; CHECK-NEXT: %p = getelementptr i64, ptr %base, i64 %i
; CHECK-NEXT: ptrtoint ptr %p to i64
; CHECK: call void @__syncsan_atomic_check(ptr %p, i64 8,
; CHECK: %a = load atomic i64, ptr %p acquire, align 8
; CHECK-NEXT: %b = load atomic i64, ptr %p acquire, align 8
; CHECK-NOT: __syncsan_atomic_check
; CHECK: ret i64 %b

; The report call is cold and never inlined.
; CHECK: attributes #[[COLD]] = { cold noinline }
define i64 @loop(ptr %base, i64 %n) {
entry:
  br label %body
body:
  %i = phi i64 [ 0, %entry ], [ %i1, %body ]
  %p = getelementptr i64, ptr %base, i64 %i
  %a = load atomic i64, ptr %p acquire, align 8
  %b = load atomic i64, ptr %p acquire, align 8
  %i1 = add i64 %i, 1
  %c = icmp ult i64 %i1, %n
  br i1 %c, label %body, label %exit
exit:
  ret i64 %b
}
