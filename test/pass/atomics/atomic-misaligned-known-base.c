// atomic-misaligned at a constant offset from a pointer of known
// alignment: an aligned buffer, an `align_value` parameter, a pointer from
// `__builtin_assume_aligned` or `aligned_alloc`, and (at -O0 too) a pointer
// that goes through local variables first. A promised alignment (the
// parameter, the assumption) proves misalignment, never alignment: the
// near misses at aligned offsets, and an offset off a pointer of unknown
// alignment, stay silent at compile time and are checked at run time.
// RUN: %syncsan-cc -O2 -g -S -emit-llvm %s -o %t2.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: FileCheck %s --check-prefix=IR < %t2.ll
// RUN: %syncsan-cc -O0 -g -S -emit-llvm %s -o %t0.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: FileCheck %s --check-prefix=IR < %t0.ll
#include <stdlib.h>

char buf[64] __attribute__((aligned(64)));

int buffer_plus_2(void) {
  return __atomic_load_n((int *)(buf + 2), __ATOMIC_SEQ_CST);
  // CHECK: known-base.c:[[@LINE-1]]:10: warning: misaligned 4-byte atomic load of 'buf+2': it needs 4-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 64) [syncsan-atomic-misaligned]
}

long align_value_plus_6(char *__attribute__((align_value(16))) p) {
  return __atomic_load_n((long *)(p + 6), __ATOMIC_SEQ_CST);
  // CHECK: known-base.c:[[@LINE-1]]:10: warning: misaligned 8-byte atomic load: it needs 8-byte alignment but the address is only 2-byte aligned (the address is 6 modulo 16) [syncsan-atomic-misaligned]
}

long assume_aligned_plus_6(char *p) {
  char *q = __builtin_assume_aligned(p, 16);
  return __atomic_load_n((long *)(q + 6), __ATOMIC_SEQ_CST);
  // CHECK: known-base.c:[[@LINE-1]]:10: warning: misaligned 8-byte atomic load: it needs 8-byte alignment but the address is only 2-byte aligned (the address is 6 modulo 16) [syncsan-atomic-misaligned]
}

long aligned_alloc_plus_6(void) {
  char *q = aligned_alloc(16, 64);
  return __atomic_load_n((long *)(q + 6), __ATOMIC_SEQ_CST);
  // CHECK: known-base.c:[[@LINE-1]]:10: warning: misaligned 8-byte atomic load: it needs 8-byte alignment but the address is only 2-byte aligned (the address is 6 modulo 16) [syncsan-atomic-misaligned]
}

// Through local variables: at -O0 these are allocas stored once.
void through_locals(int v) {
  char *p = buf + 2;
  int *q = (int *)p;
  __atomic_store_n(q, v, __ATOMIC_SEQ_CST);
  // CHECK: known-base.c:[[@LINE-1]]:3: warning: misaligned 4-byte atomic store of 'buf+2': it needs 4-byte alignment but the address is only 2-byte aligned (the address is 2 modulo 64) [syncsan-atomic-misaligned]
}

// Near misses.

// An aligned offset off a promise: silent, and still checked at run time
// (the promise may be broken).
long align_value_plus_8(char *__attribute__((align_value(16))) p) {
  return __atomic_load_n((long *)(p + 8), __ATOMIC_SEQ_CST);
}
// IR-LABEL: define {{.*}}i64 @align_value_plus_8(
// IR: call {{.*}}@__syncsan_atomic_

// The same offset of 6 off a pointer of unknown alignment: silent at
// compile time, checked at run time.
long unknown_plus_6(char *p) {
  return __atomic_load_n((long *)(p + 6), __ATOMIC_SEQ_CST);
}
// IR-LABEL: define {{.*}}i64 @unknown_plus_6(
// IR: call {{.*}}@__syncsan_atomic_

// A local variable stored twice is not looked through (and at -O2 the
// other value is unknown): silent.
void stored_twice(int v, char *other) {
  char *p = buf + 2;
  if (other)
    p = other;
  __atomic_store_n((int *)p, v, __ATOMIC_SEQ_CST);
}
// IR-LABEL: define {{.*}}void @stored_twice(
// IR: call {{.*}}@__syncsan_atomic_

// An aligned offset through locals is proven aligned: no check.
void locals_aligned(int v) {
  char *p = buf + 4;
  int *q = (int *)p;
  __atomic_store_n(q, v, __ATOMIC_SEQ_CST);
}
// IR-LABEL: define {{.*}}void @locals_aligned(
// IR-NOT: @__syncsan_atomic_
// IR: ret void
