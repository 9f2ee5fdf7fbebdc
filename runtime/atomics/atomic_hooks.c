/* __syncsan_atomic_* hooks: the atomics the pass could not prove aligned.
 *
 * Each hook tests the real address with one mask (an aligned access of at
 * most 8 bytes never straddles a cache line, so alignment is the only fast
 * test), goes to the cold reporting path only when it fails, and then
 * performs the operation itself. The order arguments are passed straight
 * to the __atomic builtins, which the compiler lowers to the same
 * instructions, ordering for ordering, as the code the hook replaced. */
#include "syncsan/abi_atomic.h"

#include "atomic.h"

/* The fast path is the mask test and the operation, nothing else: the
 * report is made by a separate cold function that the hook jumps to (a
 * tail call), which then performs the operation itself, so the hook saves
 * no registers and sets up no frame. */
#define SS_MISALIGNED(p, n) SS_UNLIKELY((uintptr_t)(p) & ((n) - 1))

/* Clang has min/max read-modify-write builtins; GCC 12 does not. There, a
 * compare-exchange loop does the same: it always writes (the old value
 * when it stays the maximum), so it is a read-modify-write with the
 * requested ordering either way, as the builtin is. */
#if defined(__has_builtin)
#if __has_builtin(__atomic_fetch_max) && __has_builtin(__atomic_fetch_min)
#define SS_HAVE_FETCH_MINMAX 1
#endif
#endif
#ifdef SS_HAVE_FETCH_MINMAX
#define SS_FETCH_MAX __atomic_fetch_max
#define SS_FETCH_MIN __atomic_fetch_min
#else
#define SS_FETCH_PICK(p, v, order, keep_old)                                                \
  __extension__({                                                                           \
    __typeof__(v) v_ = (v), old_ = __atomic_load_n((p), __ATOMIC_RELAXED);                  \
    while (!__atomic_compare_exchange_n((p), &old_, (old_ keep_old v_) ? old_ : v_, 0,      \
                                        (order), __ATOMIC_RELAXED))                         \
      ;                                                                                     \
    old_;                                                                                   \
  })
#define SS_FETCH_MAX(p, v, order) SS_FETCH_PICK(p, v, order, >)
#define SS_FETCH_MIN(p, v, order) SS_FETCH_PICK(p, v, order, <)
#endif

#define SS_HOOK_PAIR(ret, name, params, args, n, body)                                      \
  static SS_COLD ret name##_reporting params {                                              \
    ss_atomic_bad_address(p, n, site);                                                      \
    body;                                                                                   \
  }                                                                                         \
  SS_EXPORT ret __syncsan_atomic_##name params {                                            \
    if (SS_MISALIGNED(p, n))                                                                \
      return name##_reporting args;                                                         \
    body;                                                                                   \
  }

#define SS_RMW_HOOK(N, T, name, builtin, VT)                                                \
  SS_HOOK_PAIR(T, name##_##N,                                                               \
               (volatile void *p, T v, int order, const struct syncsan_site *site),         \
               (p, v, order, site), N, return (T)builtin((volatile VT *)p, (VT)v, order))

#define SS_ATOMIC_HOOKS(N, T, S)                                                            \
  SS_HOOK_PAIR(T, load_##N, (const volatile void *p, int order, const struct syncsan_site *site), \
               (p, order, site), N, return __atomic_load_n((const volatile T *)p, order))   \
  SS_HOOK_PAIR(void, store_##N,                                                             \
               (volatile void *p, T v, int order, const struct syncsan_site *site),         \
               (p, v, order, site), N, __atomic_store_n((volatile T *)p, v, order))         \
  SS_HOOK_PAIR(int, compare_exchange_##N,                                                   \
               (volatile void *p, T *expected, T desired, int weak, int success,            \
                int failure, const struct syncsan_site *site),                              \
               (p, expected, desired, weak, success, failure, site), N,                     \
               return __atomic_compare_exchange_n((volatile T *)p, expected, desired, weak, \
                                                  success, failure))                        \
  SS_RMW_HOOK(N, T, exchange, __atomic_exchange_n, T)                                       \
  SS_RMW_HOOK(N, T, fetch_add, __atomic_fetch_add, T)                                       \
  SS_RMW_HOOK(N, T, fetch_sub, __atomic_fetch_sub, T)                                       \
  SS_RMW_HOOK(N, T, fetch_and, __atomic_fetch_and, T)                                       \
  SS_RMW_HOOK(N, T, fetch_or, __atomic_fetch_or, T)                                         \
  SS_RMW_HOOK(N, T, fetch_xor, __atomic_fetch_xor, T)                                       \
  SS_RMW_HOOK(N, T, fetch_nand, __atomic_fetch_nand, T)                                     \
  SS_RMW_HOOK(N, T, fetch_umax, SS_FETCH_MAX, T)                                            \
  SS_RMW_HOOK(N, T, fetch_umin, SS_FETCH_MIN, T)                                            \
  SS_RMW_HOOK(N, T, fetch_max, SS_FETCH_MAX, S)                                             \
  SS_RMW_HOOK(N, T, fetch_min, SS_FETCH_MIN, S)

SYNCSAN_ATOMIC_SIZES(SS_ATOMIC_HOOKS)

SS_EXPORT void __syncsan_atomic_check(const volatile void *p, uint64_t size,
                                      const struct syncsan_site *site) {
  /* Sizes that are not a power of two, or beyond 16 bytes, are never
   * lock-free: libatomic serialises them with a lock, so neither alignment
   * nor cache lines matter to their atomicity. */
  if (size == 0 || (size & (size - 1)) || size > 16)
    return;
  if (SS_MISALIGNED(p, size))
    ss_atomic_bad_address(p, size, site);
}
