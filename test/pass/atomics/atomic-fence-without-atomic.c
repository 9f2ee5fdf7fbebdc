// fence-without-atomic: a fence in a function whose plain shared accesses
// it is meant to order, with no atomic access (or call that could make one)
// for it to synchronise with. A barrier helper made of the fence alone, a
// fence next to atomics, volatile accesses and single-thread (signal) fences
// are silent.
// RUN: %syncsan-cc -O0 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
// RUN: %syncsan-cc -O2 -g -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=syncsan-
#include <stdatomic.h>

int data;
int flag;
_Atomic int aflag;
volatile int vflag;

void publish_plain(int v) {
  data = v;
  atomic_thread_fence(memory_order_release);
  // CHECK: atomic-fence-without-atomic.c:[[@LINE-1]]:3: warning: release fence in 'publish_plain' orders no atomic operation: the function performs no atomic access and calls nothing that could, so the plain loads and stores around the fence still race; make the accesses that publish data atomic [syncsan-fence-without-atomic]
  flag = 1;
}

int consume_plain(void) {
  if (!flag)
    return -1;
  atomic_thread_fence(memory_order_acquire);
  // CHECK: atomic-fence-without-atomic.c:[[@LINE-1]]:3: warning: acquire fence in 'consume_plain' orders no atomic operation{{.*}} [syncsan-fence-without-atomic]
  return data;
}

// Near misses.
void publish_atomic(int v) {
  data = v;
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&aflag, 1, memory_order_relaxed);
}
void full_barrier(void) { atomic_thread_fence(memory_order_seq_cst); }
void publish_volatile(int v) {
  data = v;
  atomic_thread_fence(memory_order_release);
  vflag = 1;
}
void publish_signal(int v) {
  data = v;
  atomic_signal_fence(memory_order_release);
  flag = 1;
}
extern void notify(void);
void publish_then_call(int v) {
  data = v;
  atomic_thread_fence(memory_order_release);
  notify(); // might store a flag atomically
}
