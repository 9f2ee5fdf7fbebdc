// atomic-false-sharing: independently written atomics (fields or globals
// written atomically by different functions) that sit in one cache line.
// Padded with _Alignas(64), or written together, they are silent.
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// A larger line makes the padded pair share a line again.
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o -fsyncsan-cache-line-size=128 2>&1 | FileCheck %s --check-prefix=L128
#include <stdatomic.h>

struct ring {
  _Atomic unsigned long head; // written by the consumer
  _Atomic unsigned long tail; // written by the producer
  void *slots[16];
};

struct padded_ring {
  _Alignas(64) _Atomic unsigned long head;
  _Alignas(64) _Atomic unsigned long tail;
};

struct seqlock {            // both fields written by the same writer
  _Atomic unsigned seq;
  _Atomic unsigned value;
};

void consume(struct ring *r) { atomic_fetch_add_explicit(&r->head, 1, memory_order_release); }
void produce(struct ring *r) {
  atomic_store_explicit(&r->tail, atomic_load(&r->tail) + 1, memory_order_release);
  // CHECK: atomic-false-sharing.c:[[@LINE-1]]:3: warning: field 'head' and field 'tail' of 'struct ring' are written atomically and independently (by 'consume' and 'produce') but lie 8 bytes apart, so they can share a 64-byte cache line (false sharing); give field 'tail' its own cache line: declare it alignas(64) in C++ or _Alignas(64) in C, or pad it with 56 bytes [syncsan-atomic-false-sharing]
  // CHECK-NEXT: {{^ +}}[[@LINE-2]] |   atomic_store_explicit(&r->tail, atomic_load(&r->tail) + 1, memory_order_release);
  // CHECK-NEXT: {{^ +}}|   ^
  // CHECK-NEXT: atomic-false-sharing.c:26:32: note: atomic write of field 'head' here
}

void consume_padded(struct padded_ring *r) { atomic_fetch_add(&r->head, 1); }
void produce_padded(struct padded_ring *r) { atomic_fetch_add(&r->tail, 1); }
// L128: warning: field 'head' and field 'tail' of 'struct padded_ring' are written atomically and independently (by 'consume_padded' and 'produce_padded') but lie 64 bytes apart, so they can share a 128-byte cache line

void write_locked(struct seqlock *s, unsigned v) {
  atomic_fetch_add(&s->seq, 1);
  atomic_store(&s->value, v);
  atomic_fetch_add(&s->seq, 1);
}

// Globals: counters next to each other in .bss.
_Atomic long requests;
_Atomic long errors;
_Alignas(64) _Atomic long padded_a;
_Alignas(64) _Atomic long padded_b;

void on_request(void) { atomic_fetch_add_explicit(&requests, 1, memory_order_relaxed); }
void on_error(void) {
  atomic_fetch_add_explicit(&errors, 1, memory_order_relaxed);
  // CHECK: atomic-false-sharing.c:[[@LINE-1]]:3: warning: globals 'requests' and 'errors' are written atomically and independently (by 'on_request' and 'on_error') but the compiler places them 8 bytes apart in .bss, within one 64-byte cache line (false sharing); give 'errors' its own cache line: declare it alignas(64) in C++ or _Alignas(64) in C, or pad it with 56 bytes [syncsan-atomic-false-sharing]
}
void on_a(void) { atomic_fetch_add(&padded_a, 1); }
void on_b(void) { atomic_fetch_add(&padded_b, 1); }
