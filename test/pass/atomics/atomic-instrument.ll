; Atomics whose address is proven naturally aligned stay plain IR atomics
; (no cost at run time). The others become __syncsan_atomic_* hooks that
; check the address and perform the same operation with the same ordering
; (C ABI order values: relaxed 0, acquire 2, release 3, acq_rel 4, seq_cst 5),
; or, when the runtime could not repeat the operation identically, keep the
; operation and get a check-only call in front of it.
; RUN: %opt -passes=syncsan -syncsan-atomic-inline-checks=0 -S %s 2>&1 | FileCheck %s

@g = global i32 0, align 4
@g64 = global i64 0, align 8

declare ptr @malloc(i64)
declare i32 @__atomic_load_4(ptr, i32)
declare void @__atomic_load(i64, ptr, ptr, i32)

; Proven aligned: globals, allocas, malloc'd memory, aligned offsets.
; CHECK-LABEL: define i64 @proven(
; CHECK-NEXT: %a = alloca i64, align 8
; CHECK-NEXT: store atomic i64 1, ptr %a release, align 8
; CHECK-NEXT: %v = load atomic i32, ptr @g acquire, align 4
; CHECK-NEXT: %r = atomicrmw add ptr @g64, i64 1 seq_cst, align 8
; CHECK-NEXT: %m = call ptr @malloc(i64 64)
; CHECK-NEXT: %f = getelementptr inbounds i8, ptr %m, i64 8
; CHECK-NEXT: %x = cmpxchg ptr %f, i64 0, i64 1 acq_rel acquire, align 8
; CHECK-NEXT: ret i64 %r
define i64 @proven() {
  %a = alloca i64, align 8
  store atomic i64 1, ptr %a release, align 8
  %v = load atomic i32, ptr @g acquire, align 4
  %r = atomicrmw add ptr @g64, i64 1 seq_cst, align 8
  %m = call ptr @malloc(i64 64)
  %f = getelementptr inbounds i8, ptr %m, i64 8
  %x = cmpxchg ptr %f, i64 0, i64 1 acq_rel acquire, align 8
  ret i64 %r
}

; A pointer from elsewhere proves nothing: hooks, orders passed along.
; CHECK-LABEL: define i32 @unknown(
; CHECK-NEXT: %v = call i32 @__syncsan_atomic_load_4(ptr %p, i32 2, ptr @syncsan.site
; CHECK-NEXT: call void @__syncsan_atomic_store_4(ptr %p, i32 %v, i32 3, ptr @syncsan.site
; CHECK-NEXT: %x = call i32 @__syncsan_atomic_exchange_4(ptr %p, i32 7, i32 4, ptr @syncsan.site
; CHECK-NEXT: %a = call i32 @__syncsan_atomic_fetch_add_4(ptr %p, i32 1, i32 0, ptr @syncsan.site
; CHECK-NEXT: %s = call i32 @__syncsan_atomic_fetch_sub_4(ptr %p, i32 1, i32 5, ptr @syncsan.site
; CHECK-NEXT: %n = call i32 @__syncsan_atomic_fetch_nand_4(ptr %p, i32 1, i32 5, ptr @syncsan.site
; CHECK-NEXT: %mx = call i32 @__syncsan_atomic_fetch_max_4(ptr %p, i32 1, i32 5, ptr @syncsan.site
; CHECK-NEXT: %um = call i32 @__syncsan_atomic_fetch_umin_4(ptr %p, i32 1, i32 5, ptr @syncsan.site
; CHECK-NEXT: ret i32 %a
define i32 @unknown(ptr %p) {
  %v = load atomic i32, ptr %p acquire, align 4
  store atomic i32 %v, ptr %p release, align 4
  %x = atomicrmw xchg ptr %p, i32 7 acq_rel, align 4
  %a = atomicrmw add ptr %p, i32 1 monotonic, align 4
  %s = atomicrmw sub ptr %p, i32 1 seq_cst, align 4
  %n = atomicrmw nand ptr %p, i32 1 seq_cst, align 4
  %mx = atomicrmw max ptr %p, i32 1 seq_cst, align 4
  %um = atomicrmw umin ptr %p, i32 1 seq_cst, align 4
  ret i32 %a
}

; compare-exchange: the expected value goes through a stack slot, as with
; __atomic_compare_exchange_n; weak and both orders are passed along.
; CHECK-LABEL: define i1 @cas(
; CHECK-NEXT: [[SLOT:%.*]] = alloca i64
; CHECK-NEXT: store i64 %e, ptr [[SLOT]]
; CHECK-NEXT: [[OK:%.*]] = call i32 @__syncsan_atomic_compare_exchange_8(ptr %p, ptr [[SLOT]], i64 %d, i32 1, i32 3, i32 0, ptr @syncsan.site
; CHECK-NEXT: [[OLD:%.*]] = load i64, ptr [[SLOT]]
; CHECK-NEXT: [[P1:%.*]] = insertvalue { i64, i1 } poison, i64 [[OLD]], 0
; CHECK-NEXT: [[B:%.*]] = icmp ne i32 [[OK]], 0
; CHECK-NEXT: %x = insertvalue { i64, i1 } [[P1]], i1 [[B]], 1
; CHECK-NEXT: %ok = extractvalue { i64, i1 } %x, 1
define i1 @cas(ptr %p, i64 %e, i64 %d) {
  %x = cmpxchg weak ptr %p, i64 %e, i64 %d release monotonic, align 8
  %ok = extractvalue { i64, i1 } %x, 1
  ret i1 %ok
}

; Pointers and floats travel as integers of the same size; 8- and 16-bit
; values are zero-extended as clang's callee expects.
; CHECK-LABEL: define ptr @conv(
; CHECK-NEXT: [[L:%.*]] = call i64 @__syncsan_atomic_load_8(ptr %pp, i32 5, ptr @syncsan.site
; CHECK-NEXT: %v = inttoptr i64 [[L]] to ptr
; CHECK-NEXT: [[F:%.*]] = bitcast float %f to i32
; CHECK-NEXT: call void @__syncsan_atomic_store_4(ptr %fp, i32 [[F]], i32 0, ptr @syncsan.site
; CHECK-NEXT: %b = call i16 @__syncsan_atomic_fetch_or_2(ptr %bp, i16 1, i32 5, ptr @syncsan.site
; A 1-byte atomic is always naturally aligned.
; CHECK-NEXT: %c = atomicrmw or ptr %bp, i8 1 seq_cst, align 1
define ptr @conv(ptr %pp, ptr %fp, float %f, ptr %bp) {
  %v = load atomic ptr, ptr %pp seq_cst, align 8
  store atomic float %f, ptr %fp monotonic, align 4
  %b = atomicrmw or ptr %bp, i16 1 seq_cst, align 2
  %c = atomicrmw or ptr %bp, i8 1 seq_cst, align 1
  ret ptr %v
}

; Kept, with a check-only call in front: 16-byte atomics, atomics clang
; already marked under-aligned (they become libatomic calls), float
; read-modify-writes, single-thread scope, library calls.
; CHECK-LABEL: define void @check_only(
; CHECK-NEXT: call void @__syncsan_atomic_check(ptr %p, i64 16, ptr @syncsan.site
; CHECK-NEXT: %w = load atomic i128, ptr %p seq_cst, align 16
; CHECK-NEXT: call void @__syncsan_atomic_check(ptr %p, i64 4, ptr @syncsan.site
; CHECK-NEXT: %u = load atomic i32, ptr %p seq_cst, align 1
; CHECK-NEXT: call void @__syncsan_atomic_check(ptr %p, i64 4, ptr @syncsan.site
; CHECK-NEXT: %fa = atomicrmw fadd ptr %p, float 1.000000e+00 seq_cst, align 4
; CHECK-NEXT: call void @__syncsan_atomic_check(ptr %p, i64 4, ptr @syncsan.site
; CHECK-NEXT: %st = load atomic i32, ptr %p syncscope("singlethread") acquire, align 4
; CHECK-NEXT: call void @__syncsan_atomic_check(ptr %p, i64 4, ptr @syncsan.site
; CHECK-NEXT: %lc = call i32 @__atomic_load_4(ptr %p, i32 5)
; Oversized atomics are lock-based in libatomic: nothing to check.
; CHECK-NEXT: call void @__atomic_load(i64 32, ptr %p, ptr %buf, i32 5)
; Fences have no address.
; CHECK-NEXT: fence seq_cst
; CHECK-NEXT: ret void
define void @check_only(ptr %p, ptr %buf) {
  %w = load atomic i128, ptr %p seq_cst, align 16
  %u = load atomic i32, ptr %p seq_cst, align 1
  %fa = atomicrmw fadd ptr %p, float 1.0 seq_cst, align 4
  %st = load atomic i32, ptr %p syncscope("singlethread") acquire, align 4
  %lc = call i32 @__atomic_load_4(ptr %p, i32 5)
  call void @__atomic_load(i64 32, ptr %p, ptr %buf, i32 5)
  fence seq_cst
  ret void
}

; -syncsan-instrument-atomics=0 leaves every atomic alone.
; RUN: %opt -passes=syncsan -syncsan-instrument-atomics=0 -S %s 2>&1 | FileCheck %s --check-prefix=OFF
; OFF-NOT: __syncsan_atomic

; The hooks' declarations (abi_atomic.h).
; CHECK-DAG: declare i32 @__syncsan_atomic_load_4(ptr, i32, ptr)
; CHECK-DAG: declare void @__syncsan_atomic_store_4(ptr, i32, i32, ptr)
; CHECK-DAG: declare i32 @__syncsan_atomic_compare_exchange_8(ptr, ptr, i64, i32, i32, i32, ptr)
; CHECK-DAG: declare zeroext i16 @__syncsan_atomic_fetch_or_2(ptr, i16 zeroext, i32, ptr)
; CHECK-DAG: declare void @__syncsan_atomic_check(ptr, i64, ptr)

; -syncsan-atomic-inline-checks: the mask test in line, the operation kept,
; the runtime called only for a misaligned address.
; RUN: %opt -passes=syncsan -S %s 2>&1 | FileCheck %s --check-prefix=INLINE
; INLINE-LABEL: define i64 @proven(
; INLINE-NOT: __syncsan
; INLINE: ret i64
; INLINE-LABEL: define i32 @unknown(
; INLINE: [[A:%.*]] = ptrtoint ptr %p to i64
; INLINE-NEXT: [[L:%.*]] = and i64 [[A]], 3
; INLINE-NEXT: [[B:%.*]] = icmp ne i64 [[L]], 0
; INLINE-NEXT: br i1 [[B]], label %[[BAD:.*]], label %[[OK:.*]], !prof
; INLINE: [[BAD]]:
; INLINE-NEXT: call void @__syncsan_atomic_check(ptr %p, i64 4, ptr @syncsan.site
; INLINE-NEXT: br label %[[OK]]
; INLINE: [[OK]]:
; INLINE-NEXT: %v = load atomic i32, ptr %p acquire, align 4
; INLINE-NOT: call {{.*}}@__syncsan_atomic_load
