/* The atomic hooks of the pass-runtime ABI.
 *
 * The pass leaves an atomic operation as a plain IR atomic when it can prove
 * the address naturally aligned. When it cannot (a pointer received from
 * elsewhere, a packed layout, arithmetic on a byte buffer), it tests the
 * address in line and calls __syncsan_atomic_check only when the test fails,
 * keeping the operation; with -fsyncsan-atomic-inline-checks=0 it replaces
 * the operation by one of the hooks below instead. A hook tests the real
 * address with a mask (misaligned: not a multiple of the size; then whether
 * it straddles a cache line), reports `atomic-misaligned` or
 * `atomic-split-line` once per site, and performs the very same atomic
 * operation with the very same ordering. The non-reporting path touches no
 * shared state.
 *
 * Conventions, for N in 1, 2, 4, 8 and uintN the unsigned integer of N
 * bytes (uint8_t .. uint64_t):
 *   - `p` is the atomic object. Pointer and floating-point atomics are
 *     passed as the integer of the same size (the pass bit-casts them).
 *   - `order`, `success`, `failure` are C11 memory_order values
 *     (__ATOMIC_RELAXED = 0 ... __ATOMIC_SEQ_CST = 5), never consume (the
 *     pass sees consume already strengthened to acquire).
 *   - `site` is the constant site record of the operation (see abi.h); its
 *     op is SYNCSAN_OP_ATOMIC_LOAD, _STORE, _RMW or _CMPXCHG.
 *
 *   uintN __syncsan_atomic_load_N(const volatile void *p, int order, site)
 *   void  __syncsan_atomic_store_N(volatile void *p, uintN v, int order, site)
 *   uintN __syncsan_atomic_exchange_N(volatile void *p, uintN v, int order, site)
 *   uintN __syncsan_atomic_fetch_OP_N(volatile void *p, uintN v, int order, site)
 *           OP: add sub and or xor nand, max min (signed), umax umin (unsigned)
 *   int   __syncsan_atomic_compare_exchange_N(volatile void *p, uintN *expected,
 *             uintN desired, int weak, int success, int failure, site)
 *           as __atomic_compare_exchange_n: nonzero when it exchanged; else
 *           *expected receives the value found.
 *
 * Operations the runtime cannot repeat identically keep their own code and
 * are preceded by a check-only hook: 16-byte atomics (whether they are
 * lock-free depends on how the program was compiled), atomics the frontend
 * already marked under-aligned (they become libatomic calls), floating-point
 * read-modify-writes, and __atomic_* / __sync_* library calls:
 *
 *   void __syncsan_atomic_check(const volatile void *p, uint64_t size, site)
 *
 * A memory order that is a variable is compiled by clang into a switch over
 * the valid orders whose default case quietly performs the relaxed
 * operation. The pass sends that default (minus relaxed itself) through a
 * call of
 *
 *   void __syncsan_atomic_order_check(int order, int use, site)
 *
 * so it runs only for an order that is invalid for the use (one of
 * SYNCSAN_ORDER_USE_*); it reports `atomic-invalid-order` once per site, and
 * the relaxed operation follows as before. An order that
 * becomes a constant after optimisation is judged at compile time instead.
 */
#ifndef SYNCSAN_ABI_ATOMIC_H
#define SYNCSAN_ABI_ATOMIC_H

#include <stdint.h>

#include "syncsan/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SYNCSAN_ATOMIC_SIZES(X) X(1, uint8_t, int8_t) X(2, uint16_t, int16_t) \
  X(4, uint32_t, int32_t) X(8, uint64_t, int64_t)

/* Read-modify-write operations: X(name). */
#define SYNCSAN_ATOMIC_RMW_OPS(X) X(add) X(sub) X(and) X(or) X(xor) X(nand) \
  X(max) X(min) X(umax) X(umin)

#define SYNCSAN_ATOMIC_DECLARE(N, T, S)                                                    \
  T __syncsan_atomic_load_##N(const volatile void *p, int order,                           \
                              const struct syncsan_site *site);                            \
  void __syncsan_atomic_store_##N(volatile void *p, T v, int order,                        \
                                  const struct syncsan_site *site);                        \
  T __syncsan_atomic_exchange_##N(volatile void *p, T v, int order,                        \
                                  const struct syncsan_site *site);                        \
  T __syncsan_atomic_fetch_add_##N(volatile void *p, T v, int order,                       \
                                   const struct syncsan_site *site);                       \
  T __syncsan_atomic_fetch_sub_##N(volatile void *p, T v, int order,                       \
                                   const struct syncsan_site *site);                       \
  T __syncsan_atomic_fetch_and_##N(volatile void *p, T v, int order,                       \
                                   const struct syncsan_site *site);                       \
  T __syncsan_atomic_fetch_or_##N(volatile void *p, T v, int order,                        \
                                  const struct syncsan_site *site);                        \
  T __syncsan_atomic_fetch_xor_##N(volatile void *p, T v, int order,                       \
                                   const struct syncsan_site *site);                       \
  T __syncsan_atomic_fetch_nand_##N(volatile void *p, T v, int order,                      \
                                    const struct syncsan_site *site);                      \
  T __syncsan_atomic_fetch_max_##N(volatile void *p, T v, int order,                       \
                                   const struct syncsan_site *site);                       \
  T __syncsan_atomic_fetch_min_##N(volatile void *p, T v, int order,                       \
                                   const struct syncsan_site *site);                       \
  T __syncsan_atomic_fetch_umax_##N(volatile void *p, T v, int order,                      \
                                    const struct syncsan_site *site);                      \
  T __syncsan_atomic_fetch_umin_##N(volatile void *p, T v, int order,                      \
                                    const struct syncsan_site *site);                      \
  int __syncsan_atomic_compare_exchange_##N(volatile void *p, T *expected, T desired,      \
                                            int weak, int success, int failure,            \
                                            const struct syncsan_site *site);

SYNCSAN_ATOMIC_SIZES(SYNCSAN_ATOMIC_DECLARE)
#undef SYNCSAN_ATOMIC_DECLARE

void __syncsan_atomic_check(const volatile void *p, uint64_t size,
                            const struct syncsan_site *site);

/* What the order of __syncsan_atomic_order_check is for. */
#define SYNCSAN_ORDER_USE_LOAD 0
#define SYNCSAN_ORDER_USE_STORE 1
#define SYNCSAN_ORDER_USE_RMW 2
#define SYNCSAN_ORDER_USE_CMPXCHG 3         /* a compare-exchange's success order */
#define SYNCSAN_ORDER_USE_CMPXCHG_FAILURE 4 /* its failure order */

void __syncsan_atomic_order_check(int order, int use, const struct syncsan_site *site);

/* C only: a compare-exchange compiled with a failure ordering stronger than
 * its success ordering (C11 7.17.7.4 forbids it; C++17 allows it), which
 * clang emits as one combination behind its switches over variable orders.
 * Called just before that compare-exchange, with the orders as passed where
 * the pass can see them, else as the compare-exchange's orderings. */
void __syncsan_atomic_cmpxchg_order_check(int success, int failure,
                                          const struct syncsan_site *site);

#ifdef __cplusplus
}
#endif

#endif /* SYNCSAN_ABI_ATOMIC_H */
