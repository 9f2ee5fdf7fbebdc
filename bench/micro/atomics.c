/* Atomic operations, each worker on its own cache line (uncontended).
 * "aligned": the address is a field of a 64-byte aligned global, which the
 * compiler (and the syncsan pass) can prove naturally aligned.
 * "unproven": the same address laundered through bench_opaque_ptr() in
 * another translation unit, so nothing is known about it at compile time
 * and a checker must test its alignment at run time. */
#include "../common/bench.h"
#include "../common/opaque.h"
#include "cases.h"

struct slot {
  long v;
  char pad[64 - sizeof(long)];
} __attribute__((aligned(64)));

static struct slot slots[MICRO_MAX_THREADS];

static void atomic_setup(int nthreads) {
  for (int i = 0; i < nthreads; i++)
    __atomic_store_n(&slots[i].v, 0, __ATOMIC_RELAXED);
}

static void atomic_teardown(int nthreads) { (void)nthreads; }

#define ADDR_aligned(tid) (&slots[tid].v)
#define ADDR_unproven(tid) ((long *)bench_opaque_ptr(&slots[tid].v))

/* fetch_add: the final value counts the operations. */
#define DEF_ADD(order, ORDER, where)                                                         \
  static uint64_t add_##order##_##where(int tid, int nthreads, long n) {                     \
    (void)nthreads;                                                                          \
    long *p = ADDR_##where(tid);                                                             \
    for (long i = 0; i < n; i++)                                                             \
      __atomic_fetch_add(p, 1, ORDER);                                                       \
    return (uint64_t)__atomic_load_n(p, __ATOMIC_RELAXED);                                   \
  }

/* Compare-and-swap increment; uncontended, so it never retries. */
#define DEF_CAS(order, ORDER, where)                                                         \
  static uint64_t cas_##order##_##where(int tid, int nthreads, long n) {                     \
    (void)nthreads;                                                                          \
    long *p = ADDR_##where(tid);                                                             \
    uint64_t failures = 0;                                                                   \
    for (long i = 0; i < n; i++) {                                                           \
      long expected = __atomic_load_n(p, __ATOMIC_RELAXED);                                  \
      if (!__atomic_compare_exchange_n(p, &expected, expected + 1, 0, ORDER,                 \
                                       __ATOMIC_RELAXED))                                    \
        failures++;                                                                          \
    }                                                                                        \
    return (uint64_t)__atomic_load_n(p, __ATOMIC_RELAXED) + (failures << 40);                \
  }

/* Loads: the sum keeps every load alive. */
#define DEF_LOAD(order, ORDER, where)                                                        \
  static uint64_t load_##order##_##where(int tid, int nthreads, long n) {                    \
    (void)nthreads;                                                                          \
    long *p = ADDR_##where(tid);                                                             \
    __atomic_store_n(p, 7, __ATOMIC_RELAXED);                                                \
    uint64_t sum = 0;                                                                        \
    for (long i = 0; i < n; i++)                                                             \
      sum += (uint64_t)__atomic_load_n(p, ORDER);                                            \
    return sum;                                                                              \
  }

#define DEF_STORE(order, ORDER, where)                                                       \
  static uint64_t store_##order##_##where(int tid, int nthreads, long n) {                   \
    (void)nthreads;                                                                          \
    long *p = ADDR_##where(tid);                                                             \
    for (long i = 0; i < n; i++)                                                             \
      __atomic_store_n(p, i, ORDER);                                                         \
    return (uint64_t)__atomic_load_n(p, __ATOMIC_RELAXED);                                   \
  }

#define DEF_ALL(where)                                                                       \
  DEF_ADD(relaxed, __ATOMIC_RELAXED, where)                                                  \
  DEF_ADD(seqcst, __ATOMIC_SEQ_CST, where)                                                   \
  DEF_CAS(relaxed, __ATOMIC_RELAXED, where)                                                  \
  DEF_CAS(seqcst, __ATOMIC_SEQ_CST, where)                                                   \
  DEF_LOAD(relaxed, __ATOMIC_RELAXED, where)                                                 \
  DEF_LOAD(seqcst, __ATOMIC_SEQ_CST, where)                                                  \
  DEF_STORE(relaxed, __ATOMIC_RELAXED, where)                                                \
  DEF_STORE(seqcst, __ATOMIC_SEQ_CST, where)

DEF_ALL(aligned)
DEF_ALL(unproven)

#define CASE(op, order, where)                                                               \
  {"atomic-" #op "-" #order "-" #where, 1, atomic_setup, op##_##order##_##where,             \
   atomic_teardown},

const struct micro_case micro_atomic_cases[] = {
    CASE(add, relaxed, aligned) CASE(add, relaxed, unproven)
    CASE(add, seqcst, aligned) CASE(add, seqcst, unproven)
    CASE(cas, relaxed, aligned) CASE(cas, relaxed, unproven)
    CASE(cas, seqcst, aligned) CASE(cas, seqcst, unproven)
    CASE(load, relaxed, aligned) CASE(load, relaxed, unproven)
    CASE(load, seqcst, aligned) CASE(load, seqcst, unproven)
    CASE(store, relaxed, aligned) CASE(store, relaxed, unproven)
    CASE(store, seqcst, aligned) CASE(store, seqcst, unproven)
    {0},
};
