// Near miss and semantics: atomics on pointers the pass cannot prove (the
// functions are external, so their pointers stay unknown even at -O2) are
// tested in line, or go through the hooks with
// -fsyncsan-atomic-inline-checks=0; aligned addresses are never reported,
// and every operation returns what the plain atomic would, for every size,
// kind and ordering, from several threads at once.
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
// RUN: %syncsan-cc %O -g %s -o %t.hooks -fsyncsan-atomic-inline-checks=0
// RUN: %t.hooks 2>&1 | FileCheck %s --implicit-check-not=SyncSanitizer
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define ITERS 20000

#define OPS(T, NAME)                                                                      \
  __attribute__((noinline)) void ops_##NAME(_Atomic T *p, T *out) {              \
    atomic_store_explicit(p, (T)10, memory_order_release);                              \
    out[0] = atomic_load_explicit(p, memory_order_acquire);                             \
    out[1] = atomic_fetch_add_explicit(p, (T)5, memory_order_acq_rel);                  \
    out[2] = atomic_fetch_sub_explicit(p, (T)3, memory_order_seq_cst);                  \
    out[3] = atomic_fetch_or_explicit(p, (T)0x40, memory_order_relaxed);                \
    out[4] = atomic_fetch_and_explicit(p, (T)0x4f, memory_order_release);               \
    out[5] = atomic_fetch_xor_explicit(p, (T)0x01, memory_order_acquire);               \
    out[6] = atomic_exchange_explicit(p, (T)99, memory_order_seq_cst);                  \
    T e = 98;                                                                           \
    out[7] = atomic_compare_exchange_strong(p, &e, (T)1); /* fails: e becomes 99 */      \
    out[8] = e;                                                                         \
    out[9] = atomic_compare_exchange_weak_explicit(p, &e, (T)2, memory_order_acq_rel,   \
                                                   memory_order_acquire) ||             \
             atomic_compare_exchange_strong(p, &e, (T)2);                               \
    out[10] = atomic_load(p);                                                           \
    out[11] = __atomic_fetch_nand((T *)p, (T)1, __ATOMIC_SEQ_CST);                           \
    out[12] = __atomic_fetch_max((T *)p, (T)50, __ATOMIC_RELAXED);                           \
    out[13] = __atomic_fetch_min((T *)p, (T)7, __ATOMIC_RELAXED);                            \
    out[14] = atomic_load(p);                                                           \
  }                                                                                     \
  static void check_##NAME(void) {                                                      \
    static _Alignas(16) _Atomic T obj;                                                  \
    T out[15];                                                                          \
    ops_##NAME(&obj, out);                                                              \
    printf(#NAME ":");                                                                  \
    for (int i = 0; i < 15; i++)                                                        \
      printf(" %lld", (long long)out[i]);                                               \
    printf("\n");                                                                       \
  }

OPS(uint8_t, u8)
OPS(int16_t, i16)
OPS(uint32_t, u32)
OPS(int64_t, i64)
// store 10, load, +5, -3, |0x40, &0x4f, ^1, xchg 99, failed cas (0, finds 99),
// cas to 2, load, nand 1 (all ones), max 50 and min 7 (signedness matters).
// CHECK: u8: 10 10 15 12 76 76 77 0 99 1 2 2 255 255 7
// CHECK-NEXT: i16: 10 10 15 12 76 76 77 0 99 1 2 2 -1 50 7
// CHECK-NEXT: u32: 10 10 15 12 76 76 77 0 99 1 2 2 4294967295 4294967295 7
// CHECK-NEXT: i64: 10 10 15 12 76 76 77 0 99 1 2 2 -1 50 7

__attribute__((noinline)) void add_many(_Atomic long *c) {
  for (int i = 0; i < ITERS; i++)
    atomic_fetch_add_explicit(c, 1, memory_order_relaxed);
}
__attribute__((noinline)) void *ptr_swap(_Atomic(void *) *slot, void *v) {
  return atomic_exchange(slot, v);
}
__attribute__((noinline)) double float_store_load(_Atomic double *d, double v) {
  atomic_store(d, v);
  return atomic_load(d);
}

static _Atomic long counter;
static void *worker(void *arg) {
  add_many(&counter);
  return arg;
}

int main(void) {
  check_u8();
  check_i16();
  check_u32();
  check_i64();
  pthread_t t[N];
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], 0);
  printf("counter %ld\n", atomic_load(&counter));
  // CHECK-NEXT: counter 80000
  static _Atomic(void *) slot;
  int x;
  ptr_swap(&slot, &x);
  printf("pointer %s\n", ptr_swap(&slot, 0) == &x ? "ok" : "wrong");
  // CHECK-NEXT: pointer ok
  static _Atomic double d;
  printf("double %.2f\n", float_store_load(&d, 2.5));
  // CHECK-NEXT: double 2.50
  return 0;
}
