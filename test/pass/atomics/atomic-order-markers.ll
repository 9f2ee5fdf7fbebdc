; For a variable order clang emits a switch whose default case (relaxed) is
; also where every invalid order lands. Before inlining, syncsan-early sends
; relaxed (0) to that case directly and the default through a block holding
; a marker: an empty side-effecting asm that carries the order. The late
; pass reports a marker whose order became a constant and removes every
; marker, restoring the switch when the order stayed variable.
; RUN: %opt -passes=syncsan-early -S %s | FileCheck %s --check-prefix=EARLY
; RUN: %opt -passes=syncsan-early,syncsan -syncsan-instrument-atomics=0 -S %s | FileCheck %s --check-prefix=LATE
; RUN: %opt -passes='default<O2>' -syncsan-instrument-atomics=0 -S %s 2>&1 | FileCheck %s --check-prefix=O2
; With the run-time checks on, a marker whose order stayed variable becomes
; a call of the order check on that same path, taken only by invalid orders.
; RUN: %opt -passes=syncsan-early,syncsan -syncsan-atomic-inline-checks=0 -S %s | FileCheck %s --check-prefix=RUNTIME
source_filename = "orders.c"

; EARLY-LABEL: define i32 @load_var(
; EARLY: switch i32 %o, label %syncsan.badorder [
; EARLY-NEXT: i32 1, label %acquire
; EARLY-NEXT: i32 2, label %acquire
; EARLY-NEXT: i32 5, label %seqcst
; EARLY-NEXT: i32 0, label %monotonic
; EARLY: syncsan.badorder:
; EARLY-NEXT: call void asm sideeffect "# syncsan.order_check load", "r"(i32 %o)
; EARLY-NEXT: br label %monotonic
; LATE-LABEL: define i32 @load_var(
; LATE: switch i32 %o, label %monotonic [
; LATE-NEXT: i32 1, label %acquire
; LATE-NEXT: i32 2, label %acquire
; LATE-NEXT: i32 5, label %seqcst
; LATE-NEXT: ]
; LATE-NOT: syncsan
; LATE: ret i32 %v
; RUNTIME-LABEL: define i32 @load_var(
; RUNTIME: switch i32 %o, label %syncsan.badorder [
; RUNTIME: i32 0, label %monotonic
; RUNTIME: syncsan.badorder:
; RUNTIME-NEXT: call void @__syncsan_atomic_order_check(i32 %o, i32 0, ptr @{{.*}})
; RUNTIME-NEXT: br label %monotonic
; RUNTIME-NOT: asm sideeffect
; RUNTIME: ret i32 %v
define i32 @load_var(ptr %p, i32 %o) {
entry:
  switch i32 %o, label %monotonic [
    i32 1, label %acquire
    i32 2, label %acquire
    i32 5, label %seqcst
  ]
monotonic:
  %v0 = load atomic i32, ptr %p monotonic, align 4
  br label %done
acquire:
  %v1 = load atomic i32, ptr %p acquire, align 4
  br label %done
seqcst:
  %v2 = load atomic i32, ptr %p seq_cst, align 4
  br label %done
done:
  %v = phi i32 [ %v0, %monotonic ], [ %v1, %acquire ], [ %v2, %seqcst ]
  ret i32 %v
}

; EARLY-LABEL: define void @store_var(
; EARLY: call void asm sideeffect "# syncsan.order_check store", "r"(i32 %o)
; RUNTIME-LABEL: define void @store_var(
; RUNTIME: call void @__syncsan_atomic_order_check(i32 %o, i32 1, ptr @{{.*}})
define void @store_var(ptr %p, i32 %o) {
entry:
  switch i32 %o, label %monotonic [
    i32 3, label %release
    i32 5, label %seqcst
  ]
monotonic:
  store atomic i32 1, ptr %p monotonic, align 4
  br label %done
release:
  store atomic i32 1, ptr %p release, align 4
  br label %done
seqcst:
  store atomic i32 1, ptr %p seq_cst, align 4
  br label %done
done:
  ret void
}

; A switch of the same shape without the matching atomics is the user's own:
; untouched.
; EARLY-LABEL: define i32 @user_switch(
; EARLY-NOT: syncsan
; EARLY: ret i32
define i32 @user_switch(i32 %o) {
entry:
  switch i32 %o, label %a [
    i32 1, label %b
    i32 2, label %b
    i32 5, label %c
  ]
a:
  ret i32 10
b:
  ret i32 20
c:
  ret i32 30
}

; After inlining, release (3) reaches the load's marker: reported, and the
; operation is the relaxed load clang made of it.
; O2: orders.c: warning: in function 'caller': memory_order_release is not a valid order for an atomic load (use relaxed, consume, acquire or seq_cst); the order is a variable that only becomes constant after inlining or constant propagation, where clang no longer checks it, and the operation is compiled as relaxed [syncsan-atomic-invalid-order]
; O2: orders.c: warning: in function 'caller': memory_order_acquire is not a valid order for an atomic store
; O2-LABEL: define {{.*}}i32 @caller(
; O2-NOT: asm
; O2: load atomic i32, ptr %p monotonic
; O2-NOT: asm
; O2: ret i32
define i32 @caller(ptr %p) {
  %v = call i32 @load_var(ptr %p, i32 3)
  call void @store_var(ptr %p, i32 2)
  ret i32 %v
}

; Valid constants fold the switch away without a trace.
; O2-LABEL: define {{.*}}i32 @valid_caller(
; O2-NOT: asm
; O2: load atomic i32, ptr %p acquire
; O2-NOT: asm
; O2: ret i32
define i32 @valid_caller(ptr %p) {
  %v = call i32 @load_var(ptr %p, i32 2)
  call void @store_var(ptr %p, i32 3)
  ret i32 %v
}

; A C compare-exchange clang compiled with a failure ordering stronger than
; its success ordering (relaxed success, acquire or seq_cst failure: some of
; the combinations of its switches over variable orders) runs only for
; orders that break C's rule: the order check goes just before it, with the
; failure order the switch selected it by. The valid combination gets
; nothing.
; RUNTIME-LABEL: define i1 @cas_failure_var(
; RUNTIME: monotonic:
; RUNTIME-NOT: __syncsan_atomic_cmpxchg_order_check
; RUNTIME: acquire:
; RUNTIME-NEXT: call void @__syncsan_atomic_cmpxchg_order_check(i32 0, i32 %f, ptr @{{.*}})
; RUNTIME: @__syncsan_atomic_compare_exchange_4(ptr %p, ptr %{{.*}}, i32 1, i32 0, i32 0, i32 2,
; RUNTIME: seqcst:
; RUNTIME-NEXT: call void @__syncsan_atomic_cmpxchg_order_check(i32 0, i32 %f, ptr @{{.*}})
; RUNTIME: ret i1
define i1 @cas_failure_var(ptr %p, i32 %f) {
entry:
  switch i32 %f, label %monotonic [
    i32 1, label %acquire
    i32 2, label %acquire
    i32 5, label %seqcst
  ]
monotonic:
  %r0 = cmpxchg ptr %p, i32 0, i32 1 monotonic monotonic, align 4
  %v0 = extractvalue { i32, i1 } %r0, 1
  br label %done
acquire:
  %r1 = cmpxchg ptr %p, i32 0, i32 1 monotonic acquire, align 4
  %v1 = extractvalue { i32, i1 } %r1, 1
  br label %done
seqcst:
  %r2 = cmpxchg ptr %p, i32 0, i32 1 monotonic seq_cst, align 4
  %v2 = extractvalue { i32, i1 } %r2, 1
  br label %done
done:
  %v = phi i1 [ %v0, %monotonic ], [ %v1, %acquire ], [ %v2, %seqcst ]
  ret i1 %v
}
