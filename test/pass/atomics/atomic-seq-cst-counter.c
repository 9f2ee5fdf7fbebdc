// atomic-seq-cst-counter (a remark, off by default): a seq_cst
// read-modify-write of a counter that is only added to and read for its
// value. A counter whose value decides a branch, or that is exchanged or
// compared, synchronises something and stays silent.
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: syncsan-atomic-seq-cst-counter
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-remarks 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o -fsyncsan-enable=atomic-seq-cst-counter 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <stdatomic.h>
#include <stdio.h>

static _Atomic long requests;
_Alignas(64) static _Atomic long refs;
_Alignas(64) static _Atomic long relaxed_hits;
_Alignas(64) static _Atomic int stop;

struct stats { _Alignas(64) _Atomic long bytes; };

void on_request(void) {
  requests++;
  // CHECK: atomic-seq-cst-counter.c:[[@LINE-1]]:11: remark: seq_cst read-modify-write of 'requests', a counter that is only added to and read for its value, never to synchronise: memory_order_relaxed is enough [syncsan-atomic-seq-cst-counter]
}
void on_bytes(struct stats *s, long n) {
  atomic_fetch_add(&s->bytes, n);
  // CHECK: atomic-seq-cst-counter.c:[[@LINE-1]]:3: remark: seq_cst read-modify-write of field 'bytes' of 'struct stats', a counter{{.*}} [syncsan-atomic-seq-cst-counter]
}
void report(struct stats *s) {
  printf("%ld requests, %ld bytes\n", atomic_load(&requests), atomic_load(&s->bytes));
}

// Near misses: a reference count decides when to free; a relaxed counter;
// a flag that is read to decide.
void ref_get(void) { atomic_fetch_add(&refs, 1); }
int ref_put(void) { return atomic_fetch_sub(&refs, 1) == 1; }
void hit(void) { atomic_fetch_add_explicit(&relaxed_hits, 1, memory_order_relaxed); }
void request_stop(void) { atomic_fetch_add(&stop, 1); }
int should_stop(void) { return atomic_load(&stop) != 0; }
