// atomic-misaligned from a layout: an 8-byte atomic at offset 1 of a
// packed struct is guaranteed only 1-byte alignment wherever the struct is,
// whether reached through the global or through a pointer to the struct;
// it may also straddle a line (atomic-split-line, as before) and is
// checked at run time. Near miss: a packed struct that is also
// aligned(8), with its atomic at offset 8, is aligned.
// RUN: %syncsan-cc -O2 -g -S -emit-llvm %s -o %t2.ll -Wno-atomic-alignment -Wno-address-of-packed-member 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: FileCheck %s --check-prefix=IR < %t2.ll
// RUN: %syncsan-cc -O0 -g -S -emit-llvm %s -o %t0.ll -Wno-atomic-alignment -Wno-address-of-packed-member 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: FileCheck %s --check-prefix=IR < %t0.ll

struct __attribute__((packed)) record { char tag; long seq; };
struct __attribute__((packed, aligned(8))) tidy { long tag; long seq; };

struct record rec;
struct tidy tidy;

long global_field(void) {
  return __atomic_load_n(&rec.seq, __ATOMIC_ACQUIRE);
  // CHECK: packed.c:[[@LINE-1]]:10: warning: misaligned 8-byte atomic load of 'rec.seq': its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-misaligned]
  // CHECK: packed.c:[[@LINE-2]]:10: warning: 8-byte atomic load of 'rec.seq' may straddle a 64-byte cache line boundary: its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-split-line]
}
// IR-LABEL: define {{.*}}i64 @global_field(
// IR: call {{.*}}@__syncsan_atomic_

void through_pointer(struct record *r) {
  __atomic_store_n(&r->seq, 1, __ATOMIC_RELEASE);
  // CHECK: packed.c:[[@LINE-1]]:3: warning: misaligned 8-byte atomic store: its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-misaligned]
  // CHECK: packed.c:[[@LINE-2]]:3: warning: 8-byte atomic store may straddle a 64-byte cache line boundary: its layout guarantees only 1-byte alignment where 8 is needed; it is checked at run time [syncsan-atomic-split-line]
}
// IR-LABEL: define {{.*}}void @through_pointer(
// IR: call {{.*}}@__syncsan_atomic_

// Near miss: proven aligned, no word and no run-time check.
long tidy_field(void) { return __atomic_load_n(&tidy.seq, __ATOMIC_ACQUIRE); }
// IR-LABEL: define {{.*}}i64 @tidy_field(
// IR-NOT: @__syncsan_atomic_
// IR: ret i64
