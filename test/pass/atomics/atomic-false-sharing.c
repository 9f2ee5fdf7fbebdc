// atomic-false-sharing: independently written atomics (fields or globals
// written atomically by different functions) that sit in one cache line,
// with evidence that the writers run on different threads: reached from
// different thread entries (main, pthread_create's start routines), or each
// writing in a loop. Padded with _Alignas(64), written together, or written
// by functions with no such evidence, they are silent. Reported at the
// declaration the fix goes on, with notes at both writes.
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
  // CHECK: atomic-false-sharing.c:{{[0-9]+}}:25: warning: field 'head' and field 'tail' of 'struct ring' are written atomically and independently (by 'consume' and 'produce', reached from different thread entries) but lie 8 bytes apart, so they can share a 64-byte cache line (false sharing); give field 'tail' its own cache line: declare it alignas(64) in C++ or _Alignas(64) in C, or pad it with 56 bytes [syncsan-atomic-false-sharing]
  // CHECK-NEXT: {{^ +[0-9]+}} |   _Atomic unsigned long tail; // written by the producer
  // CHECK-NEXT: {{^ +}}|                         ^
  // CHECK-NEXT: atomic-false-sharing.c:[[@LINE-4]]:3: note: atomic write of field 'tail' here
  // CHECK: atomic-false-sharing.c:{{[0-9]+}}:32: note: atomic write of field 'head' here
}

void consume_padded(struct padded_ring *r) { atomic_fetch_add(&r->head, 1); }
void produce_padded(struct padded_ring *r) { atomic_fetch_add(&r->tail, 1); }
// L128: warning: field 'head' and field 'tail' of 'struct padded_ring' are written atomically and independently (by 'consume_padded' and 'produce_padded', reached from different thread entries) but lie 64 bytes apart, so they can share a 128-byte cache line

void write_locked(struct seqlock *s, unsigned v) {
  atomic_fetch_add(&s->seq, 1);
  atomic_store(&s->value, v);
  atomic_fetch_add(&s->seq, 1);
}

// Hot: each writer writes in a loop, no thread entry needed.
struct hot_pair { _Atomic long a, b; };
void hot_a(struct hot_pair *p, int n) {
  for (int i = 0; i < n; i++)
    atomic_fetch_add_explicit(&p->a, 1, memory_order_relaxed);
}
void hot_b(struct hot_pair *p, int n) {
  for (int i = 0; i < n; i++)
    atomic_fetch_add_explicit(&p->b, 1, memory_order_relaxed);
  // CHECK: atomic-false-sharing.c:{{[0-9]+}}:35: warning: field 'a' and field 'b' of 'struct hot_pair' are written atomically and independently (by 'hot_a' and 'hot_b', each in a loop) but lie 8 bytes apart{{.*}} [syncsan-atomic-false-sharing]
  // CHECK-NEXT: {{^ +[0-9]+}} | struct hot_pair { _Atomic long a, b; };
  // CHECK: atomic-false-sharing.c:[[@LINE-3]]:5: note: atomic write of field 'b' here
  // CHECK: atomic-false-sharing.c:{{[0-9]+}}:5: note: atomic write of field 'a' here
}

// Globals: counters next to each other in .bss.
_Atomic long requests;
_Atomic long errors;
_Alignas(64) _Atomic long padded_a;
_Alignas(64) _Atomic long padded_b;

void on_request(void) { atomic_fetch_add_explicit(&requests, 1, memory_order_relaxed); }
void on_error(void) {
  atomic_fetch_add_explicit(&errors, 1, memory_order_relaxed);
  // CHECK: atomic-false-sharing.c:{{[0-9]+}}:14: warning: globals 'requests' and 'errors' are written atomically and independently (by 'on_request' and 'on_error', reached from different thread entries) but the compiler places them 8 bytes apart in .bss, within one 64-byte cache line (false sharing); give 'errors' its own cache line: declare it alignas(64) in C++ or _Alignas(64) in C, or pad it with 56 bytes [syncsan-atomic-false-sharing]
  // CHECK-NEXT: {{^ +[0-9]+}} | _Atomic long errors;
  // CHECK: atomic-false-sharing.c:[[@LINE-3]]:3: note: atomic write of 'errors' here
  // CHECK: atomic-false-sharing.c:{{[0-9]+}}:25: note: atomic write of 'requests' here
}
void on_a(void) { atomic_fetch_add(&padded_a, 1); }
void on_b(void) { atomic_fetch_add(&padded_b, 1); }

// The thread entries: the consumer side runs on its own thread, the
// producer side on main's.
#include <pthread.h>
static void *consumer_thread(void *arg) {
  consume(arg);
  consume_padded(arg);
  on_request();
  on_a();
  return 0;
}
int main(void) {
  static struct ring r;
  pthread_t t;
  pthread_create(&t, 0, consumer_thread, &r);
  produce(&r);
  produce_padded((struct padded_ring *)&r);
  on_error();
  on_b();
  pthread_join(t, 0);
  return 0;
}

// Near misses. One-shot flags, each set once by a different function (as
// test bodies do): two writer functions are no evidence of two threads.
struct test_flags { _Atomic int ran_a, ran_b; };
void test_a(struct test_flags *f) { atomic_store(&f->ran_a, 1); }
void test_b(struct test_flags *f) { atomic_store(&f->ran_b, 1); }
// Only one writer in a loop: still no evidence.
struct half_hot { _Atomic long a, b; };
void half_hot_a(struct half_hot *p, int n) {
  for (int i = 0; i < n; i++)
    atomic_fetch_add(&p->a, 1);
}
void half_hot_b(struct half_hot *p) { atomic_fetch_add(&p->b, 1); }
// Both writers reached from the same thread entry only: one thread.
struct one_thread { _Atomic long a, b; };
void one_a(struct one_thread *p) { atomic_fetch_add(&p->a, 1); }
void one_b(struct one_thread *p) { atomic_fetch_add(&p->b, 1); }
static void *one_entry(void *arg) {
  one_a(arg);
  one_b(arg);
  return 0;
}
void start_one(pthread_t *t, struct one_thread *p) { pthread_create(t, 0, one_entry, p); }
