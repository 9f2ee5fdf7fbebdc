// Alignment through layouts: packed structs, char buffers cast to
// _Atomic int *, 16-byte atomics. What is proven aligned stays a plain IR
// atomic, what is proven misaligned is reported, what a layout leaves open
// is reported as possible and checked at run time, and an address the pass
// knows nothing about is checked at run time without a word.
// RUN: %syncsan-cc -O2 -g -S -emit-llvm %s -o %t.ll 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: FileCheck %s --check-prefix=IR < %t.ll
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <stdatomic.h>
#include <stdint.h>

struct __attribute__((packed)) wire_header { char tag; _Atomic int seq; };
struct __attribute__((packed, aligned(8))) tidy_header { long tag; _Atomic long seq; };

struct wire_header wire;
struct tidy_header tidy;
_Alignas(64) static char arena[256];
_Atomic __int128 wide;

int packed_load(void) {
  return atomic_load(&wire.seq);
  // CHECK: atomic-layouts.c:[[@LINE-1]]:10: warning: misaligned 4-byte atomic load of 'wire.seq': its layout guarantees only 1-byte alignment where 4 is needed; it is checked at run time [syncsan-atomic-misaligned]
  // CHECK: atomic-layouts.c:[[@LINE-2]]:10: warning: 4-byte atomic load of 'wire.seq' may straddle a 64-byte cache line boundary: its layout guarantees only 1-byte alignment where 4 is needed; it is checked at run time [syncsan-atomic-split-line]
}
// IR-LABEL: define {{.*}}i32 @packed_load(
// IR: call void @__syncsan_atomic_check(ptr {{.*}}@wire{{.*}}, i64 4,
// IR: load atomic i32, ptr {{.*}}@wire{{.*}} seq_cst, align 1

long tidy_load(void) { return atomic_load(&tidy.seq); }
// IR-LABEL: define {{.*}}i64 @tidy_load(
// IR-NOT: __syncsan
// IR: load atomic i64, ptr getelementptr inbounds (i8, ptr @tidy, i64 8) seq_cst, align 8

int arena_bump(void) {
  return atomic_fetch_add((_Atomic int *)(arena + 1), 1);
  // CHECK: atomic-layouts.c:[[@LINE-1]]:10: warning: misaligned 4-byte atomic read-modify-write (add) of 'arena+1': it needs 4-byte alignment but the address is only 1-byte aligned (the address is 1 modulo 64) [syncsan-atomic-misaligned]
}
int arena_split(void) {
  return atomic_exchange((_Atomic int *)(arena + 126), 1);
  // CHECK: atomic-layouts.c:[[@LINE-1]]:10: warning: 4-byte atomic read-modify-write (xchg) of 'arena+126' straddles a 64-byte cache line boundary: it starts at byte 62 of its line; it needs 4-byte alignment but is only 2-byte aligned [syncsan-atomic-split-line]
}
int arena_ok(void) { return atomic_load((_Atomic int *)(arena + 8)); }
// IR-LABEL: define {{.*}}i32 @arena_ok(
// IR-NOT: __syncsan
// IR: load atomic i32, ptr getelementptr inbounds (i8, ptr @arena, i64 8) seq_cst, align

// A buffer from elsewhere at a variable offset: checked at run time only.
int buffer_at(char *buf, long off) { return atomic_load((_Atomic int *)(buf + off)); }
// IR-LABEL: define {{.*}}i32 @buffer_at(
// IR: call void @__syncsan_atomic_check(ptr %{{.*}}, i64 4,
// IR: load atomic i32, ptr %{{.*}} seq_cst, align 4

// 16-byte atomics: a 16-aligned global is proven; a pointer is checked in
// front of the operation, which stays as compiled (lock-free or libatomic).
__int128 wide_load(void) { return atomic_load(&wide); }
// IR-LABEL: define {{.*}} @wide_load(
// IR-NOT: __syncsan
// IR: load atomic i128, ptr @wide seq_cst, align 16
__int128 wide_at(_Atomic __int128 *p) { return atomic_load(p); }
// IR-LABEL: define {{.*}} @wide_at(
// IR: call void @__syncsan_atomic_check(ptr %0, i64 16,
// IR: load atomic i128, ptr %0 seq_cst, align 16
__int128 wide_misaligned(void) {
  return atomic_load((_Atomic __int128 *)(arena + 8));
  // CHECK: atomic-layouts.c:[[@LINE-1]]:10: warning: misaligned 16-byte atomic load of 'arena+8': it needs 16-byte alignment but the address is only 8-byte aligned (the address is 8 modulo 64) [syncsan-atomic-misaligned]
}
